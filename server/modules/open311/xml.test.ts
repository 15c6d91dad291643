import { describe, expect, it } from 'vitest';
import { documentXml, errorsXml, escapeXml, serviceDefinitionXml, toXml } from './xml.ts';

const DECL = '<?xml version="1.0" encoding="utf-8"?>';

describe('toXml', () => {
  it('writes a GeoReport service list: one element per field, in order, booleans as true/false', () => {
    const services = [
      { service_code: '001', service_name: '路灯不亮', description: '小区内路灯损坏', metadata: false, type: 'realtime', keywords: '路灯,照明', group: '市政' },
      { service_code: '002', service_name: '漏水', description: null, metadata: true, type: 'realtime', keywords: '', group: '物业' },
    ];
    expect(toXml('services', 'service', services)).toBe(
      DECL +
        '<services>' +
        '<service><service_code>001</service_code><service_name>路灯不亮</service_name><description>小区内路灯损坏</description><metadata>false</metadata><type>realtime</type><keywords>路灯,照明</keywords><group>市政</group></service>' +
        '<service><service_code>002</service_code><service_name>漏水</service_name><description></description><metadata>true</metadata><type>realtime</type><keywords></keywords><group>物业</group></service>' +
        '</services>',
    );
  });

  it('writes service requests with numbers, dates and absent values', () => {
    const requests = [{ service_request_id: 42, status: 'open', lat: 29.65, long: 91.1, requested_datetime: new Date('2026-11-27T02:30:00Z'), media_url: undefined, expected_datetime: null }];
    expect(toXml('service_requests', 'request', requests)).toBe(
      `${DECL}<service_requests><request><service_request_id>42</service_request_id><status>open</status><lat>29.65</lat><long>91.1</long>` +
        '<requested_datetime>2026-11-27T02:30:00.000Z</requested_datetime><media_url></media_url><expected_datetime></expected_datetime></request></service_requests>',
    );
  });

  it('writes an empty list as an empty root', () => {
    expect(toXml('service_requests', 'request', [])).toBe(`${DECL}<service_requests></service_requests>`);
  });

  it('repeats a singular child for nested lists', () => {
    expect(toXml('services', 'service', [{ tags: ['a', 'b'], media: [{ url: 'x' }] }])).toBe(
      `${DECL}<services><service><tags><tag>a</tag><tag>b</tag></tags><media><item><url>x</url></item></media></service></services>`,
    );
  });

  it('escapes markup in text and drops characters XML cannot carry', () => {
    const xml = toXml('services', 'service', [{ description: `Tom & "Jerry" <b>it's</b>\u0007 ok\u{1F600}\uD800` }]);
    expect(xml).toBe(`${DECL}<services><service><description>Tom &amp; &quot;Jerry&quot; &lt;b&gt;it&apos;s&lt;/b&gt; ok\u{1F600}</description></service></services>`);
    expect(escapeXml('a\tb\nc\r')).toBe('a\tb\nc\r');
  });

  it('refuses element names that are not XML names', () => {
    expect(() => toXml('services', 'service', [{ 'bad name': 1 }])).toThrow(/invalid element name/);
    expect(() => toXml('1services', 'service', [])).toThrow(/invalid element name/);
  });
});

describe('serviceDefinitionXml', () => {
  it('nests attributes and their values as the specification shows', () => {
    const xml = serviceDefinitionXml({
      service_code: 'DMV66',
      attributes: [
        {
          variable: true,
          code: 'WHISHETN',
          datatype: 'singlevaluelist',
          required: true,
          datatype_description: null,
          order: 1,
          description: 'What is the ticket/tag/DL number?',
          values: [
            { key: 123, name: 'Ford' },
            { key: 124, name: 'Chrysler & Co' },
          ],
        },
      ],
    });
    expect(xml).toBe(
      DECL +
        '<service_definition><service_code>DMV66</service_code><attributes><attribute>' +
        '<variable>true</variable><code>WHISHETN</code><datatype>singlevaluelist</datatype><required>true</required>' +
        '<datatype_description></datatype_description><order>1</order><description>What is the ticket/tag/DL number?</description>' +
        '<values><value><key>123</key><name>Ford</name></value><value><key>124</key><name>Chrysler &amp; Co</name></value></values>' +
        '</attribute></attributes></service_definition>',
    );
  });
});

describe('documentXml', () => {
  it('writes the discovery document with its endpoints and formats', () => {
    const xml = documentXml('discovery', { changeset: '2026-11-01T00:00:00Z', endpoints: [{ url: 'https://x/open311/v2', formats: ['text/xml', 'application/json'] }] });
    expect(xml).toBe(
      `${DECL}<discovery><changeset>2026-11-01T00:00:00Z</changeset><endpoints><endpoint><url>https://x/open311/v2</url>` +
        '<formats><format>text/xml</format><format>application/json</format></formats></endpoint></endpoints></discovery>',
    );
  });
});

describe('errorsXml', () => {
  it('writes each error with its code and description', () => {
    expect(errorsXml([{ code: 403, description: "Invalid api_key received -- can't proceed" }, { code: 404, description: 'service_code <x> not found' }])).toBe(
      `${DECL}<errors><error><code>403</code><description>Invalid api_key received -- can&apos;t proceed</description></error>` +
        '<error><code>404</code><description>service_code &lt;x&gt; not found</description></error></errors>',
    );
  });
});
