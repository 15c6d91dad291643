// The wording of the 人民调解协议书 (the form of the People's Mediation Law, art. 28–31), in Chinese and with
// Tibetan headings. The case text itself is printed as the mediator entered it.

export type AgreementLanguage = 'zh-CN' | 'bo';

export interface AgreementText {
  title: string;
  /** For the Tibetan document, the Chinese title under the Tibetan one (the binding text is Chinese). */
  subtitle: string | null;
  number: string;
  /** Between a label and its value. */
  sep: string;
  roles: Record<'applicant' | 'respondent', string>;
  gender: string;
  genders: Record<'male' | 'female', string>;
  ethnicity: string;
  address: string;
  facts: string;
  dispute: string;
  terms: string;
  performance: string;
  performBy: (date: string) => string;
  binding: string;
  copies: (n: number) => string;
  sign: string;
  date: string;
  mediator: string;
  seal: string;
  formatDate: (isoDate: string) => string;
  blankDate: string;
}

const [Y, M, D] = [0, 1, 2];
const parts = (iso: string) => iso.split('-').map(Number);

export const AGREEMENT_TEXT: Record<AgreementLanguage, AgreementText> = {
  'zh-CN': {
    title: '人民调解协议书',
    subtitle: null,
    number: '编号：',
    sep: '：',
    roles: { applicant: '申请人', respondent: '被申请人' },
    gender: '性别',
    genders: { male: '男', female: '女' },
    ethnicity: '民族',
    address: '住址',
    facts: '纠纷主要事实、争议事项：',
    dispute: '争议事项：',
    terms: '经调解，自愿达成如下协议：',
    performance: '履行方式、时限：',
    performBy: (date) => `上述协议于${date}前履行完毕。`,
    binding:
      '本协议自各方当事人签名（盖章或按指印）、人民调解员签名并加盖人民调解委员会印章之日起生效。经人民调解委员会调解达成的调解协议，具有法律约束力，当事人应当按照约定履行。',
    copies: (n) => `本协议一式${n}份，当事人各执一份，人民调解委员会留存一份。`,
    sign: '签名（按指印）：',
    date: '日期：',
    mediator: '人民调解员',
    seal: '（印章）',
    formatDate: (iso) => {
      const p = parts(iso);
      return `${p[Y]}年${p[M]}月${p[D]}日`;
    },
    blankDate: '______年____月____日',
  },
  bo: {
    title: 'མི་དམངས་བར་འདུམ་གྲོས་མཐུན་ཡིག་ཆ།',
    subtitle: '人民调解协议书',
    number: 'ཨང་རྟགས། ',
    sep: ' ',
    roles: { applicant: 'ཞུ་གཏུག་པ།', respondent: 'ཞུ་གཏུག་བྱས་ཡུལ།' },
    gender: 'ཕོ་མོ།',
    genders: { male: 'ཕོ།', female: 'མོ།' },
    ethnicity: 'མི་རིགས།',
    address: 'སྡོད་གནས།',
    facts: 'རྩོད་གཞིའི་གནས་ཚུལ་གཙོ་བོ་དང་རྩོད་པའི་དོན་ཚན།',
    dispute: 'རྩོད་པའི་དོན་ཚན།',
    terms: 'བར་འདུམ་བྱས་རྗེས། དོན་འབྲེལ་མི་སྣས་རང་མོས་ཐོག་གཤམ་གསལ་གྲོས་མཐུན་བྱུང་།',
    performance: 'ལག་བསྟར་གྱི་ཐབས་ལམ་དང་དུས་ཚོད།',
    performBy: (date) => `གོང་གསལ་གྲོས་མཐུན་ ${date} སྔོན་ལ་ལག་བསྟར་ཚར་དགོས།`,
    binding:
      'གྲོས་མཐུན་ཡིག་ཆ་འདིར་དོན་འབྲེལ་མི་སྣས་མིང་རྟགས་བཀོད་པའམ་མཛུབ་རྗེས་བརྒྱབ་པ་དང་། བར་འདུམ་པས་མིང་རྟགས་བཀོད་དེ་མི་དམངས་བར་འདུམ་ཨུ་ཡོན་ལྷན་ཁང་གི་ཐམ་ག་བརྒྱབ་པའི་ཉིན་ནས་ནུས་པ་ཐོན། མི་དམངས་བར་འདུམ་ཨུ་ཡོན་ལྷན་ཁང་གིས་བར་འདུམ་བྱས་ཏེ་ཐོབ་པའི་གྲོས་མཐུན་ལ་ཁྲིམས་ལྡན་གྱི་བཀག་རྒྱའི་ནུས་པ་ལྡན་པས། དོན་འབྲེལ་མི་སྣས་གྲོས་མཐུན་ལྟར་ལག་བསྟར་བྱེད་དགོས།',
    copies: (n) => `གྲོས་མཐུན་ཡིག་ཆ་འདི་ལ་འདྲ་དཔེ་ ${n} ཡོད། དོན་འབྲེལ་མི་སྣ་རེ་རེར་གཅིག་རེ་དང་། མི་དམངས་བར་འདུམ་ཨུ་ཡོན་ལྷན་ཁང་དུ་གཅིག་ཉར་ཚགས་བྱེད།`,
    sign: 'མིང་རྟགས། (མཛུབ་རྗེས།) ',
    date: 'ཟླ་ཚེས། ',
    mediator: 'བར་འདུམ་པ།',
    seal: ' (ཐམ་ག)',
    formatDate: (iso) => {
      const p = parts(iso);
      return `སྤྱི་ལོ་${p[Y]} ཟླ་${p[M]} ཚེས་${p[D]}`;
    },
    blankDate: 'སྤྱི་ལོ་______ ཟླ་____ ཚེས་____',
  },
};
