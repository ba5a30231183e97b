// French titles, descriptions and fixes of the checks, keyed by check ID; English is shown where a text is absent.

/** What a language says about one check ID; only the title is required of every ID. */
export interface CheckTexts {
  readonly title: string;
  readonly description?: string;
  readonly remediation?: string;
}

export const frChecks: Readonly<Record<string, CheckTexts>> = {
  'mx.dns-error': { title: 'La recherche MX a échoué' },
  'mx.missing': { title: 'Le domaine ne publie aucun enregistrement MX' },
  'mx.null': { title: 'MX nul : le domaine déclare n’accepter aucun courrier' },
  'mx.ip-literal': { title: 'Un enregistrement MX désigne une adresse IP au lieu d’un nom d’hôte' },
  'mx.unresolvable': { title: 'Un hôte MX n’a pas d’adresse' },
  'mx.cname': { title: 'Un enregistrement MX pointe vers un alias (CNAME)' },
  'mx.duplicate-priority': { title: 'Des enregistrements MX partagent une préférence ou répètent un hôte' },
  'mx.private-address': { title: 'Un hôte MX a une adresse privée ou non routable' },
  'mx.no-ipv6': { title: 'Aucun hôte MX n’a d’adresse IPv6' },
  'spf.missing': {
    title: 'Pas d’enregistrement SPF',
    description:
      'Sans enregistrement TXT v=spf1, les destinataires ne peuvent pas distinguer les serveurs du domaine de n’importe qui d’autre : les adresses MAIL FROM falsifiées obtiennent le résultat SPF « none » et DMARC ne peut pas s’appuyer sur l’alignement SPF. Élevée : c’est la première chose que regardent les usurpateurs et les filtres anti-spam.',
    remediation:
      'Publiez un enregistrement TXT sur le domaine qui liste les serveurs qui envoient son courrier, par exemple\n  example.com. TXT "v=spf1 mx include:spf.protection.outlook.com -all"\nUn domaine qui n’envoie aucun courrier publie : example.com. TXT "v=spf1 -all"',
  },
  'spf.multiple-records': { title: 'Plus d’un enregistrement SPF' },
  'spf.syntax-error': { title: 'Erreur de syntaxe dans l’enregistrement SPF' },
  'spf.too-many-lookups': { title: 'Plus de 10 termes qui interrogent le DNS' },
  'spf.too-many-void-lookups': { title: 'Plus de 2 recherches DNS vides' },
  'spf.include-loop': { title: 'Boucle include/redirect' },
  'spf.include-missing': { title: 'include/redirect vers un domaine sans SPF' },
  'spf.all-pass': { title: 'SPF accepte n’importe quel hôte (+all)' },
  'spf.all-neutral': { title: 'SPF se termine par ?all' },
  'spf.no-all': { title: 'L’enregistrement SPF n’a ni all ni redirect' },
  'spf.ptr-used': { title: 'Mécanisme ptr utilisé' },
  'spf.redirect-ignored': { title: 'redirect= ignoré à cause de all' },
  'spf.record-too-long': { title: 'Enregistrement SPF de plus de 450 octets' },
  'spf.spf-rr-type': { title: 'Type d’enregistrement SPF (99) abandonné' },
  'spf.too-many-mx-names': { title: 'Le terme mx rencontre plus de 10 noms MX' },
  'spf.split-mistake': { title: 'Enregistrement découpé en chaînes au mauvais endroit' },
  'spf.dns-error': { title: 'Erreur DNS à la lecture de la politique SPF' },
  'dmarc.missing': {
    title: 'Pas d’enregistrement DMARC',
    description:
      'Sans enregistrement DMARC à _dmarc.<domaine> (ni hérité du domaine organisationnel), les destinataires n’ont aucune consigne de votre part pour le courrier qui échoue à SPF et DKIM : n’importe qui peut envoyer du courrier qui prétend venir de votre domaine.',
    remediation:
      'Publiez un enregistrement DMARC, d’abord avec p=none le temps de lire les rapports, puis passez à p=reject : _dmarc.example.com TXT "v=DMARC1; p=reject; rua=mailto:dmarc-reports@example.com"',
  },
  'dmarc.multiple-records': { title: 'Plus d’un enregistrement DMARC' },
  'dmarc.syntax-error': { title: 'Problèmes de syntaxe dans l’enregistrement DMARC' },
  'dmarc.policy-none': {
    title: 'Politique DMARC à none (surveillance seule)',
    description:
      'p=none demande aux destinataires de ne rien faire du courrier qui échoue à DMARC : le courrier usurpant votre identité est toujours livré. Cette valeur est prévue pour une courte phase de surveillance, le temps de lire les rapports agrégés.',
    remediation:
      'Quand les rapports montrent que votre propre courrier passe, changez la politique en reject : _dmarc.example.com TXT "v=DMARC1; p=reject; rua=mailto:dmarc-reports@example.com"',
  },
  'dmarc.policy-quarantine': { title: 'Politique DMARC à quarantine, pas reject' },
  'dmarc.subdomain-policy-weaker': { title: 'Politique des sous-domaines plus faible que celle du domaine' },
  'dmarc.testing-mode': { title: 'Politique DMARC en mode test' },
  'dmarc.no-reporting': { title: 'Aucun rapport DMARC agrégé demandé' },
  'dmarc.external-report-unauthorized': { title: 'Adresse de rapport externe non autorisée' },
  'dmarc.report-domain-no-mx': { title: 'L’adresse de rapport DMARC ne peut pas recevoir de courrier' },
  'dmarc.too-many-uris': { title: 'Plus de deux adresses de rapport' },
  'dmarc.deprecated-tag': { title: 'Balises supprimées par la RFC 9989' },
  'dmarc.dns-error': { title: 'La recherche DMARC a échoué' },
  'dmarc.not-dmarc-record': { title: 'Un enregistrement TXT non DMARC répond à _dmarc' },
  'dkim.key-found': { title: 'Clés DKIM trouvées' },
  'dkim.none-found': { title: 'Aucune clé DKIM trouvée aux sélecteurs essayés' },
  'dkim.weak-key': { title: 'Clé DKIM trop courte' },
  'dkim.revoked': { title: 'Clé DKIM révoquée' },
  'dkim.testing': { title: 'Clé DKIM en mode test (t=y)' },
  'dkim.syntax-error': { title: 'Enregistrement de clé DKIM invalide' },
  'dkim.sha1-only': { title: 'Clé DKIM limitée à SHA-1' },
  'dkim.unusable-key': { title: 'Clé DKIM inutilisable pour le courrier' },
  'dkim.wildcard': { title: 'Un joker répond à tous les sélecteurs DKIM' },
  'dkim.dns-error': { title: 'Le sélecteur DKIM n’a pas pu être interrogé' },
  'mtasts.missing': { title: 'Pas de politique MTA-STS' },
  'mtasts.record-invalid': { title: 'L’enregistrement TXT MTA-STS est invalide' },
  'mtasts.policy-unreachable': { title: 'Le fichier de politique MTA-STS ne peut pas être récupéré' },
  'mtasts.certificate-invalid': { title: 'Le certificat de l’hôte de politique MTA-STS n’est pas valide' },
  'mtasts.policy-invalid': { title: 'Le fichier de politique MTA-STS est invalide' },
  'mtasts.testing-mode': { title: 'La politique MTA-STS n’est pas appliquée' },
  'mtasts.max-age-short': { title: 'max_age MTA-STS trop court' },
  'mtasts.mx-mismatch': { title: 'Hôte MX non couvert par la politique MTA-STS' },
  'tlsrpt.missing': { title: 'Pas d’enregistrement TLS-RPT' },
  'tlsrpt.invalid': { title: 'L’enregistrement TLS-RPT est invalide' },
  'bimi.missing': { title: 'Pas d’enregistrement BIMI' },
  'bimi.invalid': { title: 'L’enregistrement BIMI est invalide' },
  'bimi.logo-invalid': { title: 'Le logo BIMI est inutilisable' },
  'bimi.authority-missing': { title: 'L’enregistrement BIMI n’a pas de preuve d’autorité' },
  'bimi.requires-enforcing-dmarc': { title: 'BIMI exige une politique DMARC appliquée' },
  'dnssec.signed': { title: 'La zone est signée et se valide' },
  'dnssec.unsigned': { title: 'La zone n’est pas protégée par DNSSEC' },
  'dnssec.bogus': { title: 'Les signatures DNSSEC ne se valident pas (bogus)' },
  'dnssec.unknown': { title: 'État DNSSEC inconnu : le résolveur ne valide pas' },
  'dnssec.dns-error': { title: 'État DNSSEC impossible à vérifier : erreur DNS' },
  'scan.check-failed': {
    title: 'Un contrôle n’a pas pu aller jusqu’au bout',
    description:
      'Un contrôle s’est arrêté sur une erreur interne inattendue. Ses verdicts manquent dans ce rapport ; le reste de l’analyse n’est pas affecté. C’est un défaut de telltale, pas du domaine.',
    remediation:
      'Relancez l’analyse ; si le problème persiste, signalez-le aux mainteneurs de telltale avec le message affiché.',
  },
  'smtp.unreachable': { title: 'Une adresse de serveur de messagerie ne répond pas sur son port SMTP' },
  'smtp.banner-version': { title: 'La bannière SMTP révèle le logiciel et la version du serveur' },
  'smtp.starttls-missing': {
    title: 'Le serveur de messagerie ne propose pas de chiffrement fonctionnel (STARTTLS)',
  },
  'smtp.auth-before-tls': { title: 'L’authentification par mot de passe est proposée avant le chiffrement' },
  'smtp.auth-on-port-25': { title: 'L’authentification par mot de passe est proposée sur le port MX 25' },
  'smtp.ntlm-info-leak': { title: 'L’authentification NTLM révèle des noms Windows internes et la version' },
  'smtp.vrfy-enabled': { title: 'VRFY confirme quelles boîtes aux lettres existent' },
  'smtp.open-relay': { title: 'Le serveur relaie le courrier de n’importe qui (relais ouvert)' },
  'smtp.tls-legacy-protocol': { title: 'Le serveur de messagerie accepte SSLv3, TLS 1.0 ou TLS 1.1' },
  'smtp.tls-weak-cipher': {
    title:
      'Le serveur de messagerie accepte des suites de chiffrement faibles ou sans confidentialité persistante',
  },
  'smtp.cert-expired': {
    title: 'Le certificat du serveur de messagerie a expiré (ou n’est pas encore valide)',
  },
  'smtp.cert-expiring': { title: 'Le certificat du serveur de messagerie expire bientôt' },
  'smtp.cert-hostname-mismatch': {
    title: 'Le certificat du serveur de messagerie n’est pas valide pour le nom MX',
  },
  'smtp.cert-self-signed': { title: 'Le certificat du serveur de messagerie est auto-signé ou non reconnu' },
  'smtp.cert-weak-key': { title: 'Le certificat du serveur de messagerie a une clé ou une signature faible' },
  'dane.tlsa-mismatch': {
    title:
      'Les enregistrements TLSA ne correspondent pas au certificat présenté par le serveur de messagerie',
  },
  'dane.tlsa-without-dnssec': { title: 'Des enregistrements TLSA sont publiés dans une zone sans DNSSEC' },
  'smtp.ptr-missing': { title: 'Une adresse MX n’a pas de nom DNS inverse (PTR)' },
  'smtp.fcrdns-mismatch': { title: 'Le DNS inverse n’est pas confirmé dans le sens direct' },
  'dnsbl.listed': { title: 'Une adresse MX figure sur une liste de blocage DNS' },
  'exchange.detected': { title: 'Serveur Microsoft Exchange trouvé sur internet' },
  'exchange.not-found': { title: 'Aucun Exchange sur site trouvé' },
  'exchange.unreachable': { title: 'Un hôte n’a pas pu être vérifié pour Exchange' },
  'exchange.build-unknown': {
    title: 'La version d’Exchange n’a pas pu être déterminée, ou est plus récente que nos données',
  },
  'exchange.data-stale': { title: 'Les données de vulnérabilités Exchange ont dépassé leur date de revue' },
  'exchange.unsupported': { title: 'Version d’Exchange hors support' },
  'exchange.vulnerable': { title: 'Version d’Exchange exposée à une vulnérabilité connue' },
  'exchange.possibly-vulnerable': {
    title: 'Version d’Exchange peut-être exposée à une vulnérabilité connue',
  },
  'exchange.not-verifiable': { title: 'Vulnérabilité d’Exchange qui dépend de la configuration' },
  'exchange.mixed-builds': {
    title: 'Des serveurs Exchange en répartition de charge ont des versions différentes',
  },
  'exchange.internal-name-leak': { title: 'Les en-têtes d’Exchange révèlent des noms de serveurs internes' },
  'exchange.ntlm-info-leak': { title: 'Le challenge NTLM révèle des noms internes et la version de Windows' },
  'exchange.windows-unsupported': { title: 'Exchange tourne sur une version de Windows Server hors support' },
  'exchange.ecp-exposed': { title: 'Centre d’administration Exchange (ECP) accessible depuis internet' },
  'exchange.powershell-exposed': { title: 'PowerShell distant d’Exchange accessible depuis internet' },
  'exchange.tls-certificate': { title: 'Certificat HTTPS d’Exchange non valide' },
};
