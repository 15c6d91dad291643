import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { cellText, readTable } from './spreadsheet.ts';

describe('readTable', () => {
  it('reads UTF-8 CSV with a byte-order mark', async () => {
    const data = Buffer.from('\uFEFF工单编号,诉求内容\r\nGD-001,"路灯不亮,很黑"\r\n');
    expect(await readTable({ name: 'orders.csv', data })).toEqual({ headers: ['工单编号', '诉求内容'], rows: [['GD-001', '路灯不亮,很黑']] });
  });

  it('reads CSV saved by Excel in China (GB18030)', async () => {
    // 工单编号,诉求内容 / GD-001,路灯不亮 in GB18030.
    const data = Buffer.from('b9a4b5a5b1e0bac52ccbdfc7f3c4dac8dd0d0a47442d3030312cc2b7b5c6b2bbc1c10d0a', 'hex');
    expect(await readTable({ name: 'ORDERS.CSV', data })).toEqual({ headers: ['工单编号', '诉求内容'], rows: [['GD-001', '路灯不亮']] });
  });

  it('reads the first sheet of a workbook, keeping date cells as dates, by content whatever the name', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('工单');
    ws.addRow(['工单编号', { richText: [{ text: '办理' }, { text: '时限' }] }]);
    ws.addRow(['GD-001', new Date(Date.UTC(2026, 10, 30, 18, 0))]);
    ws.addRow([]);
    ws.addRow(['GD-002', null]);
    const data = Buffer.from(await wb.xlsx.writeBuffer());
    const table = await readTable({ name: 'download', data });
    expect(table.headers).toEqual(['工单编号', '办理时限']);
    expect(table.rows).toHaveLength(3);
    expect(table.rows[0]?.[1]).toEqual(new Date('2026-11-30T18:00:00Z'));
    expect(table.rows[2]?.[0]).toBe('GD-002');
    expect(cellText(table.rows[0]?.[1])).toBe('2026-11-30 18:00');
  });

  it('refuses other files', async () => {
    await expect(readTable({ name: 'orders.xls', data: Buffer.from([0xd0, 0xcf, 0x11, 0xe0]) })).rejects.toThrow(/\.xlsx or \.csv/);
    await expect(readTable({ name: 'orders.xlsx', data: Buffer.from('not a zip') })).rejects.toThrow(/readable/);
  });
});
