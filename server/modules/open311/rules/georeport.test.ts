import { describe, expect, it } from 'vitest';
import { natureOf, noticeOf, personName, placeKindOf, requestsFilter, serviceAttributes, servicesOf, titleFrom, type CategoryFacts } from './georeport.ts';

const cat = (id: number, code: string, nameZh: string, parentId: number | null = null, active = true): CategoryFacts => ({ id, parentId, code, nameZh, nameEn: code, nameBo: '', active });

describe('servicesOf', () => {
  it('offers the active leaves, grouped under their parent', () => {
    const services = servicesOf([cat(1, 'sanitation', '环境卫生'), cat(2, 'repair', '设施维修'), cat(3, 'repair.elevator', '电梯', 2), cat(4, 'repair.old', '旧分类', 2, false), cat(5, 'parking', '停车管理', null, false)]);
    expect(services.map((s) => [s.service_code, s.group])).toEqual([
      ['sanitation', '环境卫生'],
      ['repair.elevator', '设施维修'],
    ]);
    expect(services[1]).toMatchObject({ service_name: '电梯', metadata: true, type: 'realtime', keywords: '电梯,repair.elevator,设施维修' });
  });

  it('offers a parent whose sub-categories are all retired', () => {
    expect(servicesOf([cat(2, 'repair', '设施维修'), cat(3, 'repair.elevator', '电梯', 2, false)]).map((s) => s.service_code)).toEqual(['repair']);
  });
});

describe('attributes', () => {
  it('lists the five natures in Chinese and reads a value by key or by name', () => {
    const [nature] = serviceAttributes();
    expect(nature?.values?.map((v) => v.name)).toEqual(['咨询', '求助', '投诉', '举报', '建议']);
    expect(natureOf('complaint')).toBe('complaint');
    expect(natureOf('举报')).toBe('tip_off');
    expect(natureOf(undefined)).toBe('help');
    expect(() => natureOf('praise')).toThrow(/attribute\[nature\]/);
    expect(placeKindOf('common')).toBe('common');
    expect(placeKindOf('')).toBeNull();
  });
});

describe('requestsFilter', () => {
  const now = new Date('2026-11-27T03:00:00Z');

  it('lets ids override everything else', () => {
    expect(requestsFilter({ service_request_id: '12, 15', status: 'bogus' }, now)).toEqual({ ids: [12, 15], serviceCodes: null, from: null, to: null, statuses: null });
    expect(() => requestsFilter({ service_request_id: '12,x' }, now)).toThrow();
    expect(() => requestsFilter({ service_request_id: '12,2147483648' }, now)).toThrow(/at most 2147483647/);
  });

  it('reads W3C dates with offsets and defaults to the last 90 days', () => {
    const f = requestsFilter({ start_date: '2026-11-01T00:00:00+08:00', end_date: '2026-11-27T00:00:00Z', status: 'open,closed', service_code: 'lighting' }, now);
    expect(f).toEqual({ ids: null, serviceCodes: ['lighting'], from: '2026-10-31T16:00:00.000Z', to: '2026-11-27T00:00:00.000Z', statuses: ['open', 'closed'] });
    expect(requestsFilter({}, now).from).toBe('2026-08-29T03:00:00.000Z');
    expect(() => requestsFilter({ start_date: 'yesterday' }, now)).toThrow(/start_date/);
    expect(() => requestsFilter({ status: 'pending' }, now)).toThrow(/status/);
    expect(() => requestsFilter({ start_date: '2026-11-27', end_date: '2026-11-01' }, now)).toThrow(/after/);
  });
});

describe('words', () => {
  it('names the person, titles the request and tells what happens next', () => {
    expect(personName('芳', '王')).toBe('王芳');
    expect(personName('Jane', 'Doe')).toBe('Jane Doe');
    expect(personName(' ', undefined)).toBeNull();
    const title = titleFrom('  小区南门\n路灯不亮，晚上出行很不方便，请尽快维修，谢谢！已经坏了一个多星期了');
    expect(title).toBe('小区南门 路灯不亮，晚上出行很不方便，请尽快维修，谢谢！已经');
    expect([...title]).toHaveLength(30);
    expect(noticeOf({ level: 'building', handlerName: '索朗曲珍' })).toBe('小事不出楼栋：已派至索朗曲珍办理');
    expect(noticeOf({ level: 'community', handlerName: null })).toBe('已受理，等待派单');
    expect(noticeOf({ level: 'meeting', handlerName: null })).toBe('难事：已提交小区四方议事会议研究');
  });
});
