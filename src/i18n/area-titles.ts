// Check-area titles per language: a Record over Area, so a new area cannot ship without its French title.

import type { Area } from '../model/finding.js';
import { areaTitles } from '../model/finding.js';
import type { Lang } from './lang.js';

const frAreaTitles: Readonly<Record<Area, string>> = {
  mx: 'Serveurs de messagerie (MX)',
  spf: 'Sender Policy Framework (SPF)',
  dmarc: 'DMARC',
  dkim: 'Clés de signature DKIM',
  'mta-sts': 'MTA-STS',
  'tls-rpt': 'Rapports TLS (TLS-RPT)',
  bimi: 'BIMI',
  dnssec: 'DNSSEC',
  smtp: 'Connexion au serveur de messagerie (SMTP)',
  tls: 'Chiffrement et certificat du serveur de messagerie (TLS)',
  dane: 'DANE (enregistrements TLSA)',
  dnsbl: 'Listes de blocage DNS',
  exchange: 'Exposition de Microsoft Exchange',
  scan: 'Analyse',
};

export const areaTitlesByLang: Readonly<Record<Lang, Readonly<Record<Area, string>>>> = {
  en: areaTitles,
  fr: frAreaTitles,
};
