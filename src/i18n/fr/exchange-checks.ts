// French titles, descriptions and fixes of the exchange.* checks, keyed by check ID. Exchange Management Shell
// commands stay exactly as in the English remediation.

import type { CheckTexts } from '../fr-checks.js';

const mitigations =
  'En attendant la mise à jour : vérifiez que le service de mitigation d’urgence d’Exchange (EEMS, 2016 ' +
  'CU22+/2019 CU11+/SE) est activé (`Get-OrganizationConfig | fl MitigationsEnabled` ; `Set-OrganizationConfig ' +
  '-MitigationsEnabled $true`) ; appliquez les mitigations URL Rewrite de Microsoft pour la CVE quand elles ' +
  'existent ; bloquez /ecp et /powershell au pare-feu ou au proxy inverse ; ne publiez OWA/EWS que derrière un VPN ' +
  'ou un proxy inverse à pré-authentification ; et cherchez des traces de compromission (Test-ProxyLogon.ps1 de ' +
  'CSS-Exchange, Microsoft Safety Scanner), car ces CVE ont été exploitées en masse.';

export const frExchangeChecks: Readonly<Record<string, CheckTexts>> = {
  'exchange.detected': {
    title: 'Serveur Microsoft Exchange trouvé sur internet',
    description:
      'Un hôte du domaine répond comme un serveur frontal Microsoft Exchange (Outlook sur le web, EWS, ' +
      'Autodiscover). La version est lue dans ce que le serveur montre à tout le monde : le dossier de ressources ' +
      'd’OWA (la mise à jour cumulative, CU), l’en-tête X-OWA-Version et le manifeste de l’outil d’export d’ECP (la ' +
      'version complète, avec sa mise à jour de sécurité, SU).',
    remediation:
      'Gardez le serveur sur une mise à jour cumulative (CU) maintenue, avec la dernière mise à jour de sécurité ' +
      '(SU), et ne publiez que les services dont les utilisateurs ont besoin.',
  },
  'exchange.not-found': {
    title: 'Aucun Exchange sur site trouvé',
    description:
      'Aucun des hôtes examinés (hôtes MX, autodiscover., mail., owa. et --host) n’a répondu comme un serveur ' +
      'frontal Exchange en HTTPS. Exchange Online (Microsoft 365) n’est pas sur site et n’est pas évalué ici.',
    remediation: 'Rien à faire.',
  },
  'exchange.unreachable': {
    title: 'Un hôte n’a pas pu être vérifié pour Exchange',
    description:
      'La requête HTTPS vers l’hôte a échoué pour une raison qui ne dit rien de lui (délai dépassé, échec DNS, ' +
      'négociation TLS, réponse mal formée) : on ne sait pas s’il fait tourner Exchange.',
    remediation:
      'Relancez le contrôle depuis un réseau qui atteint l’hôte ; les éléments de preuve montrent l’échec.',
  },
  'exchange.build-unknown': {
    title: 'La version d’Exchange n’a pas pu être déterminée, ou est plus récente que nos données',
    description:
      'Le serveur est un Exchange, mais aucun numéro de version n’était visible, ou c’est un numéro que nos données ' +
      'ne répertorient pas (plus récent que les données, ou CU inconnue). On ne peut pas dire quelles ' +
      'vulnérabilités s’appliquent : ce n’est jamais une réussite.',
    remediation:
      'Relevez la version sur le serveur (`Get-Command ExSetup.exe | % {$_.FileVersionInfo}`), comparez-la à la ' +
      'liste des versions de Microsoft, et mettez telltale à jour pour que ses données connaissent les dernières ' +
      'mises à jour.',
  },
  'exchange.data-stale': {
    title: 'Les données de vulnérabilités Exchange ont dépassé leur date de revue',
    description:
      'La liste intégrée des versions et CVE d’Exchange est plus ancienne que sa date de revue : elle ignore les ' +
      'mises à jour publiées depuis, et un serveur peut manquer de correctifs que ce rapport ne connaît pas.',
    remediation:
      'Mettez telltale à jour, ou actualisez les données (docs/exchange.md, « Refreshing the data »).',
  },
  'exchange.unsupported': {
    title: 'Version d’Exchange hors support',
    description:
      'Le produit (ou sa mise à jour cumulative) ne reçoit plus de mises à jour de sécurité de Microsoft : les ' +
      'nouvelles vulnérabilités restent ouvertes. Exchange 2010 et 2013 sont hors support ; 2016 et 2019 le sont ' +
      'depuis le 14 octobre 2025 (les mises à jour de sécurité étendues payantes, ESU, ne se voient pas de ' +
      'l’extérieur).',
    remediation:
      'Passez à Exchange Server Subscription Edition (SE) avec sa dernière CU et sa dernière mise à jour de ' +
      'sécurité, ou à Exchange Online ; en attendant, installez les mises à jour ESU en cours si vous y avez droit.',
  },
  'exchange.vulnerable': {
    title: 'Version d’Exchange exposée à une vulnérabilité connue',
    description:
      'Le numéro de version montre que le correctif de cette CVE n’est pas installé : la mise à jour cumulative ' +
      '(CU) ne l’a jamais reçu, ou la mise à jour installée est plus ancienne que celle qui l’a corrigée.',
    remediation: `Installez la mise à jour indiquée dans le résultat. ${mitigations}`,
  },
  'exchange.possibly-vulnerable': {
    title: 'Version d’Exchange peut-être exposée à une vulnérabilité connue',
    description:
      'Seule la mise à jour cumulative (CU) est visible, et sur cette CU la CVE est corrigée par une mise à jour de ' +
      'sécurité (SU) qui ne se voit pas de l’extérieur : le serveur est vulnérable sauf si cette mise à jour (ou une ' +
      'plus récente) est installée.',
    remediation: `Vérifiez la mise à jour installée sur le serveur et installez celle indiquée dans le résultat. ${mitigations}`,
  },
  'exchange.not-verifiable': {
    title: 'Vulnérabilité d’Exchange qui dépend de la configuration',
    description:
      'Que cette CVE s’applique ou non dépend d’une configuration invisible de l’extérieur (par exemple Extended ' +
      'Protection pour CVE-2024-21410, la configuration hybride pour CVE-2025-53786).',
    remediation:
      'Appliquez la configuration indiquée dans le résultat et vérifiez-la avec le script HealthChecker de ' +
      'CSS-Exchange.',
  },
  'exchange.mixed-builds': {
    title: 'Des serveurs Exchange en répartition de charge ont des versions différentes',
    description:
      'Les réponses de différents serveurs frontaux (distingués par X-FEServer) montrent des versions ' +
      'différentes : au moins un serveur a manqué une mise à jour. Chaque serveur est évalué séparément.',
    remediation:
      'Installez la même dernière mise à jour sur tous les serveurs Exchange derrière le répartiteur de charge.',
  },
  'exchange.internal-name-leak': {
    title: 'Les en-têtes d’Exchange révèlent des noms de serveurs internes',
    description:
      'X-FEServer, X-BEServer, X-CalculatedBETarget ou X-DiagInfo nomment des serveurs internes et le domaine AD ' +
      'interne : des informations dont un attaquant se sert pour viser directement le serveur de boîtes aux ' +
      'lettres et pour rendre son hameçonnage crédible.',
    remediation:
      'Supprimez ces en-têtes au proxy inverse ou avec des règles sortantes IIS URL Rewrite sur les serveurs ' +
      'frontaux Exchange (par exemple une règle sortante qui vide RESPONSE_X-FEServer) ; gardez Exchange derrière ' +
      'un proxy inverse.',
  },
  'exchange.ntlm-info-leak': {
    title: 'Le challenge NTLM révèle des noms internes et la version de Windows',
    description:
      'Une négociation NTLM anonyme sur EWS, Autodiscover ou MAPI renvoie les noms NetBIOS et DNS du serveur, le ' +
      'domaine et la forêt AD internes, et la version de Windows. Elle montre aussi que l’authentification NTLM ' +
      'est proposée à internet (pulvérisation de mots de passe, relais NTLM).',
    remediation:
      'Publiez EWS/Autodiscover/MAPI derrière un proxy inverse à pré-authentification, ou désactivez NTLM sur les ' +
      'répertoires virtuels externes (`Set-WebServicesVirtualDirectory -InternalUrl … -WindowsAuthentication $false` ' +
      'avec l’authentification OAuth/moderne activée) et activez Extended Protection.',
  },
  'exchange.windows-unsupported': {
    title: 'Exchange tourne sur une version de Windows Server hors support',
    description:
      'La version de Windows indiquée dans le challenge NTLM a dépassé sa fin de support : le système ' +
      'd’exploitation sous Exchange ne reçoit plus de mises à jour de sécurité (les ESU payantes ne se voient pas ' +
      'de l’extérieur).',
    remediation:
      'Installez Exchange sur une version de Windows Server maintenue (Exchange SE : Windows Server 2019, 2022 ou ' +
      '2025).',
  },
  'exchange.ecp-exposed': {
    title: 'Centre d’administration Exchange (ECP) accessible depuis internet',
    description:
      'Le répertoire virtuel /ecp/ répond depuis l’extérieur : le centre d’administration et ses points d’accès ont ' +
      'été la porte d’entrée de ProxyLogon, ProxyShell et CVE-2020-0688.',
    remediation:
      'Bloquez /ecp depuis internet : au proxy inverse ou au pare-feu, ou sur le serveur frontal (accès client) ' +
      'avec une restriction d’adresses IP IIS sur le répertoire virtuel ECP, ou avec `Set-ECPVirtualDirectory ' +
      '-Identity "EX01\\ecp (Default Web Site)" -AdminEnabled $false` sur les serveurs exposés à internet ' +
      '(administrez depuis l’intérieur).',
  },
  'exchange.powershell-exposed': {
    title: 'PowerShell distant d’Exchange accessible depuis internet',
    description:
      'Le répertoire virtuel /powershell/ répond depuis l’extérieur : ProxyShell et ProxyNotShell ont atteint ' +
      'PowerShell d’Exchange par lui.',
    remediation:
      'Bloquez /powershell au proxy inverse ou au pare-feu ; n’administrez Exchange que depuis le réseau interne.',
  },
  'exchange.tls-certificate': {
    title: 'Certificat HTTPS d’Exchange non valide',
    description:
      'Le certificat présenté par l’hôte Exchange n’est pas reconnu, a expiré ou est émis pour un autre nom : ' +
      'Outlook et les mobiles affichent des avertissements, et les utilisateurs prennent l’habitude de les ' +
      'ignorer. La version a quand même été lue.',
    remediation:
      'Installez un certificat d’une autorité publique pour chaque nom publié (`Import-ExchangeCertificate`, ' +
      '`Enable-ExchangeCertificate -Services IIS`).',
  },
};
