import type { LegalClockProfile, LegalClockSettings, LegalRule } from '../../schema/legal-clock.ts';

/**
 * What each country's law says about the life of a request, rule by rule, with its norm. A rule the
 * norm does not settle is marked `setting`: the institution's catalog may set it, and its default
 * here is the conservative one (the institution's own deadline never moves, and the system never
 * ends a citizen's request on its own, without a norm that says so).
 */
const SETTING = 'Configuración de la institución: la norma no lo fija (valor conservador por defecto)';

export const PROFILES: Readonly<Record<LegalClockProfile['country'], LegalClockProfile>> = {
  CO: {
    country: 'CO',
    infoRequest: {
      value: 'pause',
      legalBasis:
        'Ley 1755 de 2015, art. 17: el término para decidir se suspende desde el requerimiento y se reactiva al día siguiente de que el peticionario complete',
      setting: false,
    },
    replyTerm: {
      value: { amount: 1, unit: 'months' },
      legalBasis: 'Ley 1755 de 2015, art. 17: el peticionario tiene un (1) mes para completar, prorrogable',
      setting: false,
    },
    tacitWithdrawal: {
      value: true,
      legalBasis:
        'Ley 1755 de 2015, art. 17: vencido el término sin que complete, se entiende que desistió (desistimiento tácito)',
      setting: false,
    },
    reminderDaysBefore: { value: 5, legalBasis: SETTING, setting: true },
    extensionFactor: {
      value: 2,
      legalBasis:
        'Ley 1755 de 2015, art. 14, parágrafo: antes del vencimiento, con motivo y fecha informados, sin exceder el doble del término inicial',
      setting: false,
    },
    transferDays: {
      value: 5,
      legalBasis:
        'Ley 1755 de 2015, art. 21: la remisión al competente se hace dentro de los cinco (5) días siguientes a la recepción',
      setting: false,
    },
  },
  EC: {
    country: 'EC',
    infoRequest: {
      value: 'pause',
      legalBasis:
        'Código Orgánico Administrativo, art. 162 num. 1: el cómputo se suspende mientras se requiere a la persona interesada subsanar o aportar documentos',
      setting: false,
    },
    replyTerm: {
      value: { amount: 10, unit: 'business_days' },
      legalBasis:
        'Código Orgánico Administrativo, art. 140: la persona interesada subsana en el término de diez (10) días',
      setting: false,
    },
    tacitWithdrawal: {
      value: true,
      legalBasis:
        'Código Orgánico Administrativo, art. 140: si no subsana, se le tiene por desistida de su petición',
      setting: false,
    },
    reminderDaysBefore: { value: 3, legalBasis: SETTING, setting: true },
    extensionFactor: {
      value: 1.5,
      legalBasis:
        'Código Orgánico Administrativo, art. 161: ampliación antes del vencimiento, que no exceda de la mitad del término',
      setting: false,
    },
    transferDays: {
      value: 5,
      legalBasis: `Código Orgánico Administrativo, art. 159 (inhibición y remisión al competente) no fija el término. ${SETTING}`,
      setting: true,
    },
  },
  PE: {
    country: 'PE',
    infoRequest: {
      value: 'none',
      legalBasis: `DS 007-2020-PCM y su norma técnica no suspenden el plazo de 30 días hábiles por un pedido de información. ${SETTING}`,
      setting: true,
    },
    replyTerm: {
      value: { amount: 10, unit: 'business_days' },
      legalBasis: `DS 007-2020-PCM no fija el plazo del usuario para completar. ${SETTING}`,
      setting: true,
    },
    tacitWithdrawal: {
      value: false,
      legalBasis: `DS 007-2020-PCM no prevé el archivo por falta de respuesta del usuario. ${SETTING}`,
      setting: true,
    },
    reminderDaysBefore: { value: 3, legalBasis: SETTING, setting: true },
    extensionFactor: {
      value: 1,
      legalBasis: `DS 007-2020-PCM fija 30 días hábiles sin prórroga. ${SETTING}`,
      setting: true,
    },
    transferDays: {
      value: 5,
      legalBasis: `DS 007-2020-PCM no fija el término del traslado al competente. ${SETTING}`,
      setting: true,
    },
  },
};

/** The country's profile with the institution's settings applied to the rules that are settings. */
export function profileFor(country: string, settings: LegalClockSettings = {}): LegalClockProfile {
  const base = PROFILES[country as LegalClockProfile['country']] ?? PROFILES.EC;
  const apply = <T>(rule: LegalRule<T>, value: T | undefined): LegalRule<T> =>
    rule.setting && value !== undefined ? { ...rule, value } : rule;
  return {
    country: base.country,
    infoRequest: apply(base.infoRequest, settings.infoRequest),
    replyTerm: apply(base.replyTerm, settings.replyTerm),
    tacitWithdrawal: apply(base.tacitWithdrawal, settings.tacitWithdrawal),
    reminderDaysBefore: apply(base.reminderDaysBefore, settings.reminderDaysBefore),
    extensionFactor: apply(base.extensionFactor, settings.extensionFactor),
    transferDays: apply(base.transferDays, settings.transferDays),
  };
}
