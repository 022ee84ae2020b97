// Tests of extension.js against stand-ins for the `vscode` module and the
// language client, which exist only inside VS Code: what server it starts
// with which arguments, the message when the executable is missing, the
// restart on a change of the settings, and pligt.runTests.
'use strict';

const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const Module = require('node:module');
const { test, beforeEach, afterEach } = require('node:test');
const assert = require('node:assert/strict');

let vscode; // the stand-in, made anew for each test
const clients = []; // every LanguageClient the extension made

class FakeClient {
  constructor(id, name, serverOptions, clientOptions) {
    Object.assign(this, { id, name, serverOptions, clientOptions, disposed: false, requests: [] });
    this.initializeResult = { capabilities: { executeCommandProvider: { commands: FakeClient.commands } } };
    clients.push(this);
  }
  async start() {}
  async dispose() {
    this.disposed = true;
  }
  async sendRequest(type, params) {
    this.requests.push([type, params]);
    return FakeClient.answer;
  }
}

function makeVscode(settings) {
  const messages = [];
  const commands = new Map();
  const listeners = [];
  class Uri {
    constructor(text) {
      this.text = text;
    }
    toString() {
      return this.text;
    }
  }
  const show = (kind) => async (text) => {
    messages.push([kind, text]);
    return undefined;
  };
  return {
    messages,
    commands: {
      map: commands,
      registerCommand(id, handler) {
        // As in VS Code: one handler per command.
        if (commands.has(id)) throw new Error(`command '${id}' already exists`);
        commands.set(id, handler);
        return { dispose: () => commands.delete(id) };
      },
      executeCommand: async () => undefined,
    },
    Uri,
    window: {
      createOutputChannel: () => ({ appendLine() {}, dispose() {} }),
      showErrorMessage: show('error'),
      showWarningMessage: show('warning'),
      showInformationMessage: show('info'),
      activeTextEditor: { document: { languageId: 'pligt', uri: new Uri('file:///ws/rules/a.pligt') } },
    },
    workspace: {
      workspaceFolders: [{ uri: { scheme: 'file', fsPath: '/ws' } }],
      getConfiguration: () => ({ get: (key) => settings[key] }),
      createFileSystemWatcher: () => ({ dispose() {} }),
      onDidChangeConfiguration(listener) {
        listeners.push(listener);
        return { dispose() {} };
      },
      changeSettings(changed) {
        Object.assign(settings, changed);
        const event = { affectsConfiguration: (s) => Object.keys(changed).some((k) => `pligt.${k}`.startsWith(s)) };
        listeners.forEach((l) => l(event));
      },
    },
  };
}

const realLoad = Module._load;
let extension;
let executable;

beforeEach(() => {
  executable = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'pligt-ext-')), 'pligt');
  fs.writeFileSync(executable, '#!/bin/sh\n', { mode: 0o755 });
  clients.length = 0;
  FakeClient.commands = ['pligt.runTests'];
  FakeClient.answer = undefined;
  vscode = makeVscode({ path: executable, rules: ['rules', '/abs/municipalities'] });
  Module._load = function (request, ...rest) {
    if (request === 'vscode') return vscode;
    if (request === 'vscode-languageclient/node')
      return { LanguageClient: FakeClient, ExecuteCommandRequest: { type: 'workspace/executeCommand' } };
    return realLoad.call(this, request, ...rest);
  };
  delete require.cache[require.resolve('../extension.js')];
  extension = require('../extension.js');
});

afterEach(async () => {
  await extension.deactivate();
  Module._load = realLoad;
  fs.rmSync(path.dirname(executable), { recursive: true, force: true });
});

const settled = () => new Promise((resolve) => setImmediate(resolve));

test('starts `pligt lsp` with each rule folder as --rules, over stdio without --stdio', async () => {
  await extension.activate({ subscriptions: [] });
  assert.equal(clients.length, 1);
  const [client] = clients;
  assert.deepEqual(client.serverOptions.command, executable);
  assert.deepEqual(client.serverOptions.args, ['lsp', '--rules', '/ws/rules', '--rules', '/abs/municipalities']);
  assert.equal(client.serverOptions.transport, undefined);
  assert.deepEqual(client.clientOptions.documentSelector, [{ scheme: 'file', language: 'pligt' }]);
});

test('a missing executable is said plainly, and no client is made', async () => {
  vscode.workspace.getConfiguration = () => ({ get: (key) => ({ path: 'pligt-that-is-not-there', rules: [] })[key] });
  await extension.activate({ subscriptions: [] });
  assert.equal(clients.length, 0);
  assert.match(vscode.messages[0][1], /the executable "pligt-that-is-not-there" was not found/);
  await vscode.commands.map.get('pligt.runTests')();
  assert.match(vscode.messages[1][1], /not running/);
});

test('a change of pligt.rules restarts the server with the new folders', async () => {
  await extension.activate({ subscriptions: [] });
  vscode.workspace.changeSettings({ rules: ['other'] });
  await extension.deactivate(); // waits for the queued restart, then stops
  assert.equal(clients.length, 2);
  assert.ok(clients[0].disposed);
  assert.deepEqual(clients[1].serverOptions.args, ['lsp', '--rules', '/ws/other']);
});

test('pligt.runTests from the palette sends the active file, from a code lens its own arguments', async () => {
  await extension.activate({ subscriptions: [] });
  const { executeCommand } = clients[0].clientOptions.middleware;
  const sent = [];
  const next = async (command, args) => {
    sent.push([command, args]);
    return { message: '2 passed, 1 failed', failed: 1 };
  };
  await executeCommand('pligt.runTests', [], next);
  await executeCommand('pligt.runTests', ['file:///ws/rules/b.pligt'], next);
  assert.deepEqual(sent, [
    ['pligt.runTests', ['file:///ws/rules/a.pligt']],
    ['pligt.runTests', ['file:///ws/rules/b.pligt']],
  ]);
  assert.deepEqual(vscode.messages, [
    ['warning', '2 passed, 1 failed'],
    ['warning', '2 passed, 1 failed'],
  ]);
  // The client registers the server's commands: the extension does not too.
  assert.equal(vscode.commands.map.has('pligt.runTests'), false);
});

test('a server that does not list pligt.runTests still gets it from the palette', async () => {
  FakeClient.commands = [];
  FakeClient.answer = 'All 3 tests passed';
  await extension.activate({ subscriptions: [] });
  await vscode.commands.map.get('pligt.runTests')();
  await settled();
  assert.deepEqual(clients[0].requests, [
    ['workspace/executeCommand', { command: 'pligt.runTests', arguments: ['file:///ws/rules/a.pligt'] }],
  ]);
  assert.deepEqual(vscode.messages, [['info', 'All 3 tests passed']]);
});
