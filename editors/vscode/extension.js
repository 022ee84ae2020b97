// The pligt extension for VS Code: starts `pligt lsp` as the language server
// of .pligt files, restarts it when its settings change, and offers the
// server's `pligt.runTests` in the command palette.
'use strict';

const fs = require('fs');
const os = require('os');
const path = require('path');
const vscode = require('vscode');
const { LanguageClient, ExecuteCommandRequest } = require('vscode-languageclient/node');

const RUN_TESTS = 'pligt.runTests';

let output; // one output channel for every client, so a restart keeps the log
let client; // the running client, if any
let watcher; // the client's watch of .pligt files on disk
let fallback; // our own pligt.runTests while no client has registered the server's
let queue = Promise.resolve(); // starts and stops, one after the other

function activate(context) {
  output = vscode.window.createOutputChannel('pligt');
  context.subscriptions.push(
    output,
    vscode.workspace.onDidChangeConfiguration((event) => {
      if (event.affectsConfiguration('pligt.path') || event.affectsConfiguration('pligt.rules')) enqueue(restart);
    }),
  );
  return enqueue(start);
}

function deactivate() {
  return enqueue(stop);
}

function enqueue(step) {
  queue = queue.then(step, step);
  return queue;
}

async function restart() {
  await stop();
  await start();
}

async function start() {
  const config = vscode.workspace.getConfiguration('pligt');
  const folder = vscode.workspace.workspaceFolders?.find((f) => f.uri.scheme === 'file')?.uri.fsPath;
  const setting = config.get('path') || 'pligt';
  const executable = findExecutable(setting, folder);
  if (!executable) {
    registerFallback();
    // Not awaited: a notification may stay open for ever, and the queue of
    // restarts must not wait for it.
    vscode.window
      .showErrorMessage(
        `pligt: the executable "${setting}" was not found, so .pligt files get no diagnostics. ` +
          'Install pligt, or set "pligt.path" to the full path of the pligt program.',
        'Open Settings',
      )
      .then((choice) => {
        if (choice) vscode.commands.executeCommand('workbench.action.openSettings', 'pligt.path');
      });
    return;
  }
  const rules = (config.get('rules') || []).map((r) => resolvePath(r, folder));

  const serverOptions = {
    command: executable,
    args: ['lsp', ...rules.flatMap((r) => ['--rules', r])],
    options: folder ? { cwd: folder } : {},
    // No `transport`: the server speaks over stdin/stdout either way, and
    // TransportKind.stdio would add a `--stdio` argument that `pligt lsp`
    // does not take.
  };
  watcher = vscode.workspace.createFileSystemWatcher('**/*.pligt');
  const clientOptions = {
    documentSelector: [{ scheme: 'file', language: 'pligt' }],
    synchronize: { fileEvents: watcher },
    outputChannel: output,
    middleware: {
      // The client registers each command the server lists in its
      // executeCommandProvider, code lenses included. From the palette
      // pligt.runTests comes without arguments: it means the active file.
      executeCommand: (command, args, next) =>
        command === RUN_TESTS ? runTests(args, (a) => next(command, a)) : next(command, args),
    },
  };
  client = new LanguageClient('pligt', 'pligt language server', serverOptions, clientOptions);
  try {
    await client.start();
  } catch (error) {
    // The client has shown its own error message, with a link to the output.
    output.appendLine(`Starting ${executable} lsp failed: ${error?.message ?? error}`);
    await stop();
    registerFallback();
    return;
  }
  const commands = client.initializeResult?.capabilities?.executeCommandProvider?.commands ?? [];
  if (!commands.includes(RUN_TESTS)) registerFallback();
}

async function stop() {
  fallback?.dispose();
  fallback = undefined;
  watcher?.dispose();
  watcher = undefined;
  const old = client;
  client = undefined;
  if (old) {
    try {
      await old.dispose();
    } catch (error) {
      output.appendLine(`Stopping the language server: ${error?.message ?? error}`);
    }
  }
}

// pligt.runTests of our own, for the palette, while the server has not
// registered it: the two cannot be registered at once. It sends the request
// all the same, so a server that handles it without listing it still works.
function registerFallback() {
  if (fallback) return;
  fallback = vscode.commands.registerCommand(RUN_TESTS, (...args) => {
    if (!client) {
      vscode.window.showErrorMessage('pligt: the language server is not running; see the "pligt" output.');
      return undefined;
    }
    return runTests(args, (a) => client.sendRequest(ExecuteCommandRequest.type, { command: RUN_TESTS, arguments: a }));
  });
}

// Sends workspace/executeCommand pligt.runTests with the given arguments, or
// with the active .pligt file's URI when there are none, and shows the answer.
async function runTests(args, send) {
  if (args.length === 0) {
    const document = vscode.window.activeTextEditor?.document;
    if (!document || document.languageId !== 'pligt') {
      vscode.window.showWarningMessage('pligt: open a .pligt file to run its tests.');
      return undefined;
    }
    args = [document.uri.toString()];
  }
  // A vscode.Uri (from a menu) goes to the server as the URI string.
  args = args.map((a) => (a instanceof vscode.Uri ? a.toString() : a));
  let result;
  try {
    result = await send(args);
  } catch (error) {
    vscode.window.showErrorMessage(`pligt: running the tests failed: ${error?.message ?? error}`);
    return undefined;
  }
  showResult(result);
  return result;
}

// The server answers with a text, or an object with a `message`; an object
// whose `failed` is above 0, or whose `ok` is false, is shown as a warning.
// Anything else is left to the server's own window/showMessage.
function showResult(result) {
  const message = typeof result === 'string' ? result : result?.message;
  if (typeof message !== 'string' || message === '') return;
  const failed = typeof result === 'object' && (result.failed > 0 || result.ok === false);
  if (failed) vscode.window.showWarningMessage(message);
  else vscode.window.showInformationMessage(message);
}

// `~/…` is the home folder; any other relative path is taken from the
// workspace folder (where there is one), as the server's cwd also is.
function resolvePath(p, folder) {
  if (p === '~' || p.startsWith('~/')) return path.join(os.homedir(), p.slice(1));
  return folder && !path.isAbsolute(p) ? path.resolve(folder, p) : p;
}

// The full path of the executable `command` names, or undefined. A bare
// name is looked up on PATH (with PATHEXT's endings on Windows), as spawn
// would; one with a slash is a path.
function findExecutable(command, folder) {
  const windows = process.platform === 'win32';
  const endings = windows ? ['', ...(process.env.PATHEXT || '.EXE;.CMD;.BAT').split(';')] : [''];
  const isPath = command.includes('/') || (windows && command.includes('\\')) || command.startsWith('~');
  const candidates = isPath
    ? [resolvePath(command, folder)]
    : (process.env.PATH || '').split(path.delimiter).filter(Boolean).map((dir) => path.join(dir, command));
  for (const candidate of candidates)
    for (const ending of endings) {
      const file = candidate + ending;
      try {
        if (fs.statSync(file).isFile()) {
          fs.accessSync(file, fs.constants.X_OK);
          return file;
        }
      } catch {
        // not there, or not executable: try the next one
      }
    }
  return undefined;
}

module.exports = { activate, deactivate };
