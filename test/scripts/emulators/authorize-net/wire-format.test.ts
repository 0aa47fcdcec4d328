import { startAuthorizeNetEmulator, type AuthorizeNetEmulator } from '../../../../scripts/emulators/authorize-net';
import { callApi, CREDENTIALS, type Json } from './api-client';

describe('Authorize.Net emulator wire format', () => {
  let emulator: AuthorizeNetEmulator;
  beforeAll(async () => {
    emulator = await startAuthorizeNetEmulator();
  });
  afterAll(() => emulator.close());

  it('prefixes every body with a UTF-8 byte-order mark, so a naive JSON.parse throws', async () => {
    const response = await fetch(`${emulator.url}/xml/v1/request.api`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ authenticateTestRequest: { merchantAuthentication: CREDENTIALS } }),
    });
    const bytes = new Uint8Array(await response.arrayBuffer());
    const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes);

    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^application\/json/);
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(() => JSON.parse(text)).toThrow(SyntaxError);
    expect(JSON.parse(text.slice(1))).toEqual({
      messages: { resultCode: 'Ok', message: [{ code: 'I00001', text: 'Successful.' }] },
    });
  });

  it.each([
    ['a wrong transaction key', { name: CREDENTIALS.name, transactionKey: 'wrong' }],
    ['a wrong API login id', { name: 'someone-else', transactionKey: CREDENTIALS.transactionKey }],
  ])('refuses %s with E00007 and creates nothing', async (_label, credentials) => {
    const { json } = await callApi(
      emulator.url,
      'createTransactionRequest',
      {
        refId: 'ref-1',
        transactionRequest: {
          transactionType: 'authCaptureTransaction',
          amount: '5.00',
          payment: { opaqueData: { dataDescriptor: 'COMMON.ACCEPT.INAPP.PAYMENT', dataValue: 'tok_visa_test' } },
        },
      },
      { credentials },
    );

    expect(json).toEqual({
      refId: 'ref-1',
      messages: {
        resultCode: 'Error',
        message: [{ code: 'E00007', text: 'User authentication failed due to invalid authentication values.' }],
      },
    });
    expect(emulator.transactions()).toEqual([]);
  });

  it('answers an unknown API method with E00004 and a body that is not JSON with E00003', async () => {
    const unknown = await callApi(emulator.url, 'launchRocketRequest', {});
    const garbage = await fetch(`${emulator.url}/xml/v1/request.api`, { method: 'POST', body: '{not json' });
    const garbageText = Buffer.from(await garbage.arrayBuffer()).toString('utf8');

    expect(unknown.json.messages.message[0].code).toBe('E00004');
    expect(garbageText.charCodeAt(0)).toBe(0xfeff);
    expect(JSON.parse(garbageText.slice(1)).messages).toEqual({
      resultCode: 'Error',
      message: [{ code: 'E00003', text: 'An error occurred while parsing the XML request.' }],
    });
  });

  it('parses with fetch Response.json(), whose UTF-8 decoding drops the mark, but not from raw bytes', async () => {
    const request = (): Promise<Response> =>
      fetch(`${emulator.url}/xml/v1/request.api`, {
        method: 'POST',
        body: JSON.stringify({ authenticateTestRequest: { merchantAuthentication: CREDENTIALS } }),
      });
    const viaJson = (await (await request()).json()) as Json;
    const rawUtf8 = Buffer.from(await (await request()).arrayBuffer()).toString('utf8');

    expect(viaJson.messages.resultCode).toBe('Ok');
    expect(() => JSON.parse(rawUtf8)).toThrow(SyntaxError);
  });

  it('echoes refId and serves nothing but the API at other paths', async () => {
    const { json } = await callApi(emulator.url, 'authenticateTestRequest', { refId: 'abc' });
    const stray = await fetch(`${emulator.url}/xml/v1/other.api`, { method: 'POST', body: '{}' });

    expect(json.refId).toBe('abc');
    expect(stray.status).toBe(404);
  });
});
