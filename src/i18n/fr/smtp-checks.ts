// French titles, descriptions and fixes of the connector checks (smtp.*, dane.*, dnsbl.*, PTR), keyed by check ID.
// Commands and records to type are kept exactly as in the English remediation.

import type { CheckTexts } from '../fr-checks.js';

const opportunistic =
  'Le port 25 utilise le TLS opportuniste (RFC 7435) : la plupart des expéditeurs chiffrent quand ils le peuvent ' +
  'et acceptent n’importe quel certificat, car l’autre choix est d’envoyer en clair. Sur le port 25 c’est donc un ' +
  'avertissement, sauf si le domaine publie une politique MTA-STS en mode enforce ou des enregistrements TLSA ' +
  '(DANE) : les expéditeurs vérifient alors le certificat et refusent de livrer s’il ne convient pas, et c’est un ' +
  'échec. Sur les ports de soumission 587 et 465, les logiciels de messagerie vérifient toujours : échec.';

const certificateRemediation =
  'Renouvelez ou remplacez le certificat par un certificat d’une autorité publique pour le nom MX (par exemple ' +
  'Let’s Encrypt avec renouvellement automatique). Exchange : `New-ExchangeCertificate` ou importez-le, puis ' +
  '`Enable-ExchangeCertificate -Thumbprint <thumbprint> -Services SMTP`, et `Set-ReceiveConnector "EXCH01\\Default ' +
  'Frontend EXCH01" -TlsCertificateName "<I>issuer<S>subject"` ; supprimez l’ancien avec `Remove-ExchangeCertificate`. ' +
  'Si des enregistrements TLSA (DANE) sont publiés, publiez l’enregistrement TLSA du nouveau certificat avant le ' +
  'changement (voir dane.tlsa-mismatch).';

export const frSmtpChecks: Readonly<Record<string, CheckTexts>> = {
  'smtp.unreachable': {
    title: 'Une adresse de serveur de messagerie ne répond pas sur son port SMTP',
    description:
      'telltale se connecte à chaque adresse de chaque hôte MX, comme le ferait un serveur expéditeur. Quand la ' +
      'connexion est refusée, n’aboutit pas, que le serveur répond aussitôt 421/554 ou distille son message ' +
      'd’accueil (tarpit), aucun verdict n’est possible sur ce serveur. Beaucoup de réseaux (fournisseurs d’accès ' +
      'grand public et professionnels, hébergeurs cloud) bloquent le port 25 sortant : l’échec est donc signalé comme ' +
      'une erreur, avec sa cause, et jamais comme « pas de STARTTLS ». Ce n’est un échec que si une autre adresse du ' +
      'même domaine a répondu pendant la même analyse (le port 25 est donc ouvert depuis ce réseau) : les expéditeurs ' +
      'qui essaient l’adresse muette perdent du temps, et le courrier attend quand c’est la seule qu’ils essaient.',
    remediation:
      'Vérifiez que le pare-feu transmet le port TCP 25 au serveur de messagerie pour chaque adresse publiée (IPv4 et ' +
      'IPv6) et que le serveur écoute sur ces adresses, ou supprimez les enregistrements d’adresse des hôtes qui ne ' +
      'reçoivent plus de courrier. Depuis un réseau qui autorise le port 25 : `openssl s_client -starttls smtp -connect ' +
      'mail.example.com:25`. Sur Exchange, `Get-ReceiveConnector | Format-List Identity,Bindings,Enabled` montre ce ' +
      'qui écoute et où.',
  },
  'smtp.banner-version': {
    title: 'La bannière SMTP révèle le logiciel et la version du serveur',
    description:
      'Le message d’accueil 220 et la réponse à EHLO sont envoyés à quiconque se connecte. Y nommer le logiciel ' +
      '(« Microsoft ESMTP MAIL Service », « Postfix », « Exim 4.96 ») et surtout sa version permet à un attaquant de ' +
      'rapprocher le serveur des vulnérabilités connues sans même le toucher. Un numéro de version est un ' +
      'avertissement ; le nom du logiciel seul est un avertissement de gravité informative. Ce n’est pas une ' +
      'vulnérabilité en soi : le masquer retire seulement un indice gratuit (la vraie correction, ce sont les mises à jour).',
    remediation:
      'Exchange : `Set-ReceiveConnector "EXCH01\\Default Frontend EXCH01" -Banner "220 mail.example.com"` (la bannière ' +
      'doit commencer par 220). Postfix : `smtpd_banner = $myhostname ESMTP` dans main.cf. Exim : ' +
      "`smtp_banner = $smtp_active_hostname ESMTP $tod_full`. Sendmail : `define(`confSMTP_LOGIN_MSG', `$j ESMTP')`.",
  },
  'smtp.starttls-missing': {
    title: 'Le serveur de messagerie ne propose pas de chiffrement fonctionnel (STARTTLS)',
    description:
      'Sans STARTTLS (RFC 3207), chaque message envoyé à ce serveur traverse internet en clair : lisible et ' +
      'modifiable par n’importe qui sur le trajet. Un serveur qui annonce STARTTLS mais le refuse ou rate la ' +
      'négociation ne vaut pas mieux : les expéditeurs se rabattent sur une transmission en clair. Sur le port 465, ' +
      'la même règle vaut pour le TLS implicite (RFC 8314). Un serveur injoignable n’a pas de verdict ici (voir ' +
      'smtp.unreachable).',
    remediation:
      'Installez un certificat pour le nom MX et activez TLS. Exchange : `Enable-ExchangeCertificate -Thumbprint ' +
      '<thumbprint> -Services SMTP` et `Set-ReceiveConnector "EXCH01\\Default Frontend EXCH01" -AuthMechanism Tls ' +
      '-TlsCertificateName "<I>issuer<S>subject"`. Postfix : `smtpd_tls_security_level = may`, ' +
      '`smtpd_tls_chain_files = /etc/ssl/private/mail.pem`.',
  },
  'smtp.auth-before-tls': {
    title: 'L’authentification par mot de passe est proposée avant le chiffrement',
    description:
      'Le serveur annonce AUTH sur la connexion non chiffrée, avant STARTTLS. Un logiciel de messagerie ou un ' +
      'appareil mal configuré envoie alors son identifiant et son mot de passe en clair (AUTH PLAIN et LOGIN ne sont ' +
      'que du base64), et un attaquant sur le trajet peut supprimer STARTTLS pour l’y forcer. La RFC 4954 §4 et la ' +
      'RFC 8314 exigent que les mots de passe ne circulent qu’à l’intérieur de TLS.',
    remediation:
      'Ne proposez AUTH qu’après STARTTLS. Exchange (le port 25 n’a pas besoin d’AUTH du tout) : `Set-ReceiveConnector ' +
      '"EXCH01\\Default Frontend EXCH01" -AuthMechanism Tls` ; sur le connecteur client (587) : `Set-ReceiveConnector ' +
      '"EXCH01\\Client Frontend EXCH01" -AuthMechanism Tls,BasicAuth,BasicAuthRequireTLS,Integrated`. Postfix : ' +
      '`smtpd_tls_auth_only = yes`. Exim : réglez `auth_advertise_hosts` pour n’annoncer AUTH que lorsque ' +
      '`$tls_in_cipher` est défini.',
  },
  'smtp.auth-on-port-25': {
    title: 'L’authentification par mot de passe est proposée sur le port MX 25',
    description:
      'Les serveurs livrent sur le port 25 sans s’authentifier ; seuls les logiciels de messagerie des utilisateurs ' +
      's’authentifient, et leur place est sur les ports de soumission 587 ou 465 (RFC 8314). AUTH proposé sur le MX ' +
      'invite tout internet à deviner les mots de passe de chaque boîte aux lettres. Exchange le propose par défaut ' +
      'sur le connecteur Default Frontend. Signalé comme avertissement de faible gravité.',
    remediation:
      'Exchange : `Set-ReceiveConnector "EXCH01\\Default Frontend EXCH01" -AuthMechanism Tls` (et vérifiez que les ' +
      'utilisateurs passent par le connecteur Client Frontend sur le port 587). Postfix : gardez ' +
      '`smtpd_sasl_auth_enable = no` dans main.cf et ne l’activez que pour le service de soumission dans master.cf ' +
      '(`-o smtpd_sasl_auth_enable=yes`).',
  },
  'smtp.ntlm-info-leak': {
    title: 'L’authentification NTLM révèle des noms Windows internes et la version',
    description:
      'Quand un serveur propose AUTH NTLM, n’importe qui peut commencer une authentification et lire le message ' +
      'CHALLENGE qu’il renvoie (MS-NLMP 2.2.1.2) : il contient les noms NetBIOS et DNS internes du serveur, de son ' +
      'domaine Active Directory et de sa forêt, ainsi que la version de Windows. C’est une carte gratuite pour une ' +
      'attaque ciblée (et la version date le niveau de mises à jour). telltale n’envoie que le premier message NTLM, ' +
      'anonyme, puis annule l’authentification.',
    remediation:
      'Ne proposez pas NTLM sur le connecteur exposé à internet : `Set-ReceiveConnector "EXCH01\\Default Frontend ' +
      'EXCH01" -AuthMechanism Tls` (retire Integrated). Si des utilisateurs ont besoin de NTLM sur le port 587, ' +
      'limitez ce connecteur à TLS (`-AuthMechanism Tls,BasicAuth,BasicAuthRequireTLS`) et aux réseaux des ' +
      'utilisateurs avec `-RemoteIPRanges`.',
  },
  'smtp.vrfy-enabled': {
    title: 'VRFY confirme quelles boîtes aux lettres existent',
    description:
      'La commande VRFY demande au serveur si une adresse existe ; spammeurs et attaquants s’en servent pour ' +
      'tester des listes d’adresses (énumération des utilisateurs, RFC 5321 §7.3). Dans une même session, telltale ' +
      'demande VRFY postmaster (une boîte que tout domaine doit avoir) et VRFY d’un nom aléatoire qui ne peut pas ' +
      'exister. Échec : l’un des deux noms est confirmé par 250 ou 251 (la RFC 5321 §3.5.3 ne permet 250 que pour ' +
      'une adresse réellement vérifiée ; un 250 pour le nom aléatoire est donc un « attrape-tout » qui répond quand ' +
      'même pour chaque adresse), ou l’un des noms est refusé par 550, 551 ou 553 et pas l’autre (Postfix avec ' +
      '`disable_vrfy_command = no` répond 252 pour une boîte qui existe et 550 pour une boîte inconnue). Réussite : ' +
      'la même sorte de réponse pour les deux, comme la réponse neutre 252 (« vérification impossible, mais le ' +
      'courrier sera accepté ») ou le refus de la commande. Erreur : seul postmaster a reçu une réponse, 252 ou un ' +
      'refus.',
    remediation:
      'Postfix : `disable_vrfy_command = yes`. Exim : laissez `acl_smtp_vrfy` non défini (VRFY est refusé par ' +
      "défaut). Sendmail : `define(`confPRIVACY_FLAGS', `goaway')`. Exchange répond à VRFY par 252 quel que soit " +
      'le nom.',
  },
  'smtp.open-relay': {
    title: 'Le serveur relaie le courrier de n’importe qui (relais ouvert)',
    description:
      'Un relais ouvert accepte le courrier de n’importe quel expéditeur d’internet pour n’importe quel destinataire ' +
      'extérieur : les spammeurs s’en servent, en quelques heures l’adresse figure sur toutes les listes de blocage ' +
      'et le courrier de l’entreprise elle-même est rejeté. telltale se connecte anonymement, donne un expéditeur ' +
      'extérieur neutre (relay-test@example.net) et demande, par RCPT TO, le destinataire extérieur ' +
      'relay-test@example.com, le « percent hack » (relay-test%example.com@<votre domaine>) et un routage par la ' +
      'source (@<votre domaine>:relay-test@example.com). Il n’envoie jamais DATA : il termine par RSET et QUIT, ' +
      'aucun message n’est donc jamais livré. Un destinataire extérieur ou un routage par la source accepté est un ' +
      'échec. Un destinataire « percent hack » accepté est un avertissement : un serveur qui accepte tous les ' +
      'destinataires de son propre domaine (sans filtrage des destinataires) l’accepte aussi sans relayer. ' +
      'Désactivez le test avec --no-relay-test.',
    remediation:
      'Exchange : trouvez les connecteurs qui laissent relayer les expéditeurs anonymes — `Get-ReceiveConnector | ' +
      'Get-ADPermission -User "NT AUTHORITY\\ANONYMOUS LOGON" | Where-Object {$_.ExtendedRights -like ' +
      '"*Ms-Exch-SMTP-Accept-Any-Recipient*"}` — puis `Remove-ADPermission -Identity "EXCH01\\Relay EXCH01" -User ' +
      '"NT AUTHORITY\\ANONYMOUS LOGON" -ExtendedRights "Ms-Exch-SMTP-Accept-Any-Recipient"`, et limitez un connecteur ' +
      'de relais interne aux machines qui en ont besoin : `Set-ReceiveConnector "EXCH01\\Relay EXCH01" ' +
      '-RemoteIPRanges 10.0.0.20 -PermissionGroups ExchangeServers` (AnonymousUsers retiré). Postfix : ' +
      '`smtpd_relay_restrictions = permit_mynetworks, permit_sasl_authenticated, reject_unauth_destination` avec ' +
      '`mynetworks` limité à vos propres machines.',
  },
  'smtp.tls-legacy-protocol': {
    title: 'Le serveur de messagerie accepte SSLv3, TLS 1.0 ou TLS 1.1',
    description:
      'Chaque version du protocole est essayée dans sa propre connexion, avec le niveau de sécurité de telltale ' +
      'abaissé pour qu’un refus vienne bien du serveur. TLS 1.0 et 1.1 sont obsolètes (RFC 8996) et SSLv3 est cassé ' +
      '(POODLE). Sur le port 25, un expéditeur qui ne parle que TLS 1.0 enverrait sinon en clair : accepter TLS ' +
      '1.0/1.1 y est un avertissement de faible gravité ; sur les ports de soumission (587/465) c’est un échec, et ' +
      'SSLv3 est un échec partout. Une version que l’environnement d’exécution ne sait pas proposer est signalée ' +
      'comme non testée, jamais comme refusée.',
    remediation:
      'Exchange (Windows Server) : désactivez TLS 1.0 et 1.1 dans SCHANNEL — pour « TLS 1.0 » et « TLS 1.1 », ' +
      'réglez `HKLM\\SYSTEM\\CurrentControlSet\\Control\\SecurityProviders\\SCHANNEL\\Protocols\\TLS 1.0\\Server` ' +
      '`Enabled=0` et `DisabledByDefault=1` (DWORD), de même sous `...\\Client`, vérifiez que TLS 1.2 est activé et que ' +
      '.NET l’utilise (`SchUseStrongCrypto=1`), puis redémarrez ; le script HealthChecker de Microsoft pour Exchange ' +
      'montre le résultat. Postfix : `smtpd_tls_protocols = >=TLSv1.2` et `smtpd_tls_mandatory_protocols = >=TLSv1.2`.',
  },
  'smtp.tls-weak-cipher': {
    title:
      'Le serveur de messagerie accepte des suites de chiffrement faibles ou sans confidentialité persistante',
    description:
      'Chaque famille de suites faibles est proposée seule, dans sa propre connexion : eNULL (aucun chiffrement), ' +
      'aNULL (anonyme, aucune authentification du serveur), EXPORT, RC4, DES et 3DES (SWEET32), échange de clés RSA ' +
      'statique (kRSA, sans confidentialité persistante) et suites CBC en TLS 1.0. eNULL et EXPORT sont un échec ' +
      'de gravité élevée sur tous les ports, les suites anonymes (aNULL) sur les ports de soumission 587 et 465 ' +
      '(les clients de messagerie doivent authentifier le serveur). Sur le port 25, les suites anonymes acceptées ' +
      'sont citées dans une réussite : en TLS opportuniste (RFC 7435), seul un expéditeur qui n’authentifie aucun ' +
      'serveur en choisirait une, et il ne vérifierait pas non plus de certificat ; les expéditeurs qui ' +
      'authentifient (DANE, MTA-STS en mode enforce) ne les proposent jamais. C’est pourquoi Postfix les active ' +
      'par défaut sur son serveur SMTP (postconf(5), smtpd_tls_exclude_ciphers). Les autres familles sont un échec ' +
      'sur les ports de soumission et un avertissement sur le port 25 (le TLS opportuniste préfère un chiffrement ' +
      'faible à pas de chiffrement du tout). Quand la ' +
      'suite qu’obtient par défaut un client moderne n’a pas de confidentialité persistante, le trafic enregistré ' +
      'peut être déchiffré plus tard avec la clé du serveur : avertissement.',
    remediation:
      'Exchange (Windows Server) : suivez les recommandations TLS de Microsoft pour Exchange — désactivez RC4, DES, ' +
      '3DES et NULL sous `HKLM\\SYSTEM\\CurrentControlSet\\Control\\SecurityProviders\\SCHANNEL\\Ciphers` ' +
      '(`Enabled=0`) et ordonnez les suites avec `Disable-TlsCipherSuite -Name TLS_RSA_WITH_3DES_EDE_CBC_SHA` (une ' +
      'commande par suite faible) pour que les suites ECDHE-GCM passent en premier. Postfix : `smtpd_tls_ciphers = ' +
      'medium`, `smtpd_tls_exclude_ciphers = eNULL, EXPORT, DES, 3DES, RC4, MD5` dans main.cf (les suites anonymes ' +
      'peuvent rester sur le port 25) et, pour les services de soumission dans master.cf, ' +
      '`-o smtpd_tls_exclude_ciphers=aNULL,eNULL,EXPORT,DES,3DES,RC4,MD5`.',
  },
  'smtp.cert-expired': {
    title: 'Le certificat du serveur de messagerie a expiré (ou n’est pas encore valide)',
    description: `Le certificat présenté après STARTTLS est hors de sa période de validité. ${opportunistic}`,
    remediation: certificateRemediation,
  },
  'smtp.cert-expiring': {
    title: 'Le certificat du serveur de messagerie expire bientôt',
    description:
      'Jours restants avant l’expiration du certificat : moins de 14, c’est un échec (le renouvellement est en ' +
      'retard : un renouvellement automatique aurait eu lieu à 30 jours) ; moins de 30, un avertissement. Sinon ' +
      'c’est une réussite, avec la date.',
    remediation: certificateRemediation,
  },
  'smtp.cert-hostname-mismatch': {
    title: 'Le certificat du serveur de messagerie n’est pas valide pour le nom MX',
    description:
      `Les noms du certificat (subjectAltName) ne couvrent pas le nom d’hôte MX auquel les expéditeurs se connectent. ${opportunistic} ` +
      'Avec des enregistrements DANE-EE (usage 3), les noms ne sont pas vérifiés (RFC 7672 §3.1.1).',
    remediation: `Obtenez un certificat dont le subjectAltName contient le nom MX (par exemple mail.example.com). ${certificateRemediation}`,
  },
  'smtp.cert-self-signed': {
    title: 'Le certificat du serveur de messagerie est auto-signé ou non reconnu',
    description:
      `La chaîne de certificats ne remonte pas à une autorité de certification reconnue (certificat auto-signé, autorité privée ou certificat intermédiaire manquant). ${opportunistic} ` +
      'Un certificat auto-signé convient avec un enregistrement TLSA DANE-EE correspondant.',
    remediation: `${certificateRemediation} Envoyez aussi les certificats intermédiaires (la chaîne complète).`,
  },
  'smtp.cert-weak-key': {
    title: 'Le certificat du serveur de messagerie a une clé ou une signature faible',
    description:
      'Les clés RSA de moins de 2048 bits, les clés DSA, les courbes elliptiques de moins de 224 bits et les ' +
      'signatures SHA-1 ou MD5 sur le certificat du serveur sont en dessous de ce qu’acceptent le BSI (TR-02102-2) ' +
      'et le NIST (SP 800-52r2). Même règle que pour les autres défauts de certificat : avertissement sur le port 25 ' +
      'sans MTA-STS en mode enforce ni DANE, échec sinon.',
    remediation: `Émettez un nouveau certificat avec une clé RSA de 2048 bits ou plus ou ECDSA P-256, et une signature SHA-256. ${certificateRemediation}`,
  },
  'dane.tlsa-mismatch': {
    title:
      'Les enregistrements TLSA ne correspondent pas au certificat présenté par le serveur de messagerie',
    description:
      'Avec DANE (RFC 7672), les serveurs expéditeurs qui valident DNSSEC (Postfix, Exim et les grands fournisseurs) ' +
      'refusent de livrer si la chaîne de certificats présentée après STARTTLS ne correspond à aucun des ' +
      'enregistrements TLSA de _25._tcp.<mx>. La panne classique : le certificat est renouvelé (nouvelle clé, ou ' +
      'enregistrement 3 0 1 portant sur le certificat entier) sans mettre d’abord à jour l’enregistrement TLSA ; le ' +
      'courrier des expéditeurs DANE reste alors en file d’attente puis revient en erreur. Seuls les usages ' +
      'DANE-TA(2) et DANE-EE(3) comptent pour SMTP : la RFC 7672 §3.1.3 laisse PKIX-TA(0)/PKIX-EE(1) non définis et ' +
      'les expéditeurs les traitent comme inutilisables ; quand aucun enregistrement n’est utilisable, les ' +
      'expéditeurs utilisent TLS sans authentification (avertissement). Un hôte avec des enregistrements TLSA validés ' +
      'mais sans STARTTLS est aussi un échec : les expéditeurs DANE ne livreront pas en clair.',
    remediation:
      'Publiez l’enregistrement du certificat en service, et gardez l’ancien jusqu’à la fin du changement (un ' +
      'roulement : les deux enregistrements côte à côte pendant au moins deux TTL). La forme recommandée est `3 1 1` ' +
      '(le SHA-256 de la clé du serveur), qui survit aux renouvellements qui gardent la clé : ' +
      '`_25._tcp.mail.example.com. IN TLSA 3 1 1 <sha256 of SPKI>`, calculé avec `openssl x509 -in cert.pem -noout ' +
      '-pubkey | openssl pkey -pubin -outform DER | openssl dgst -sha256` ou avec hash-slinger de Debian (`tlsa ' +
      '--create --port 25 mail.example.com`). Avec Let’s Encrypt, renouvelez avec `--reuse-key` pour qu’un ' +
      'enregistrement 3 1 1 reste valide.',
  },
  'dane.tlsa-without-dnssec': {
    title: 'Des enregistrements TLSA sont publiés dans une zone sans DNSSEC',
    description:
      'Les enregistrements TLSA n’ont de sens que si DNSSEC les authentifie : la RFC 7672 §2.2 demande aux ' +
      'expéditeurs d’ignorer les enregistrements TLSA non validés. L’hôte publie des enregistrements TLSA, mais un ' +
      'résolveur validant ne les a pas authentifiés : personne ne les utilise et le courrier vers cet hôte n’a aucune ' +
      'protection DANE. Si le résolveur lui-même ne valide pas, aucun verdict n’est donné (erreur).',
    remediation:
      'Signez la zone de l’hôte MX et publiez son enregistrement DS dans la zone parente (voir dnssec.unsigned), ou ' +
      'supprimez les enregistrements TLSA inutiles. Vérifiez avec `dig +dnssec _25._tcp.mail.example.com TLSA` : la ' +
      'réponse doit porter le drapeau `ad`.',
  },
  'smtp.ptr-missing': {
    title: 'Une adresse MX n’a pas de nom DNS inverse (PTR)',
    description:
      'Les serveurs destinataires cherchent l’enregistrement PTR de l’adresse qui se connecte à eux ; beaucoup ' +
      'refusent ou signalent le courrier d’une adresse qui n’en a pas (Gmail, Microsoft et la plupart des filtres ' +
      'anti-spam le font). Un hôte MX envoie en général aussi le courrier sortant de l’entreprise : son adresse a ' +
      'besoin d’un nom PTR. L’enregistrement PTR se trouve dans la zone inverse du bloc d’adresses, qui appartient à ' +
      'son propriétaire (en général le fournisseur d’accès), pas dans votre propre zone. Une recherche inverse qui ' +
      'échoue (délai dépassé, SERVFAIL) est signalée comme une erreur, jamais comme une absence.',
    remediation:
      'Demandez au fournisseur de l’adresse (le fournisseur d’accès, ou la console de l’hébergeur ou du cloud) de ' +
      'régler le DNS inverse de l’adresse sur le nom du serveur de messagerie, par exemple ' +
      '`25.113.0.203.in-addr.arpa. IN PTR mail.example.com.`, et vérifiez que ce nom a un enregistrement A/AAAA avec ' +
      'la même adresse. Pour Exchange, utilisez le même nom que le FQDN du connecteur d’envoi : ' +
      '`Set-SendConnector "Internet" -Fqdn mail.example.com`.',
  },
  'smtp.fcrdns-mismatch': {
    title: 'Le DNS inverse n’est pas confirmé dans le sens direct',
    description:
      'DNS inverse confirmé dans le sens direct (FCrDNS) : le nom PTR de l’adresse doit lui-même se résoudre (A ou ' +
      'AAAA) vers la même adresse. Les destinataires s’en servent pour faire confiance au nom PTR, puisque quiconque ' +
      'contrôle une zone inverse peut y déclarer n’importe quel nom. Sans cela, beaucoup de destinataires traitent ' +
      'le serveur comme une machine à adresse dynamique ou usurpée. Que le nom PTR soit identique au nom MX est une ' +
      'bonne pratique, pas une obligation : un nom PTR qui renvoie vers l’adresse suffit.',
    remediation:
      'Donnez au nom PTR un enregistrement d’adresse avec exactement cette adresse (`mail.example.com. IN A ' +
      '203.0.113.25`), ou demandez au fournisseur de remplacer le PTR par un nom qui se résout déjà vers elle.',
  },
  'dnsbl.listed': {
    title: 'Une adresse MX figure sur une liste de blocage DNS',
    description:
      'Les destinataires cherchent l’adresse de chaque serveur qui se connecte dans des listes de blocage DNS et ' +
      'refusent ou mettent en quarantaine le courrier des adresses listées. Une adresse MX envoie en général aussi ' +
      'le courrier de l’entreprise : une inscription signifie du courrier sortant perdu, et en général que le ' +
      'serveur ou une machine derrière la même adresse a envoyé du spam (relais ouvert, compte piraté, logiciel ' +
      'malveillant). Chaque réponse est lue avec les codes de retour propres à la liste : Spamhaus répond ' +
      '127.255.255.252/254/255 quand il refuse une requête (résolveur public, quota gratuit dépassé), ce qui est ' +
      'signalé comme une erreur, jamais comme une inscription ; une réponse hors de 127.0.0.0/8 vient d’un résolveur ' +
      'qui réécrit « nom inexistant » et est aussi une erreur. Une inscription sur la PBL de Spamhaus (une plage ' +
      'd’utilisateurs finaux qui ne devrait pas envoyer de courrier directement) est un avertissement. Les zones, les ' +
      'codes et leurs sources sont dans data/dnsbl-zones.json.',
    remediation:
      'Trouvez et supprimez d’abord la cause (un relais ouvert — voir smtp.open-relay —, une boîte aux lettres ' +
      'piratée qui envoie du spam, un logiciel malveillant sur une machine derrière la même adresse publique), puis ' +
      'demandez le retrait sur la page de consultation de la liste (indiquée dans le résultat). Sur Exchange, ' +
      'cherchez la source avec `Get-MessageTrackingLog -Start (Get-Date).AddDays(-2) -EventId SEND | Group-Object ' +
      'Sender | Sort-Object Count -Descending | Select-Object -First 10`. Pour une inscription sur la PBL, envoyez ' +
      'par le relais du fournisseur d’accès, ou demandez-lui de déclarer l’adresse comme serveur de messagerie fixe.',
  },
};
