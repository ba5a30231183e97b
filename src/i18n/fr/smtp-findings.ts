// French finding messages of the connector checks (smtp.*, dane.*, dnsbl.*, PTR), keyed by `Finding.messageKey`, with the same
// parameters as the English templates in src/i18n/en/smtp-findings.ts.

import { replyEn, type SmtpFindingKey } from '../en/smtp-findings.js';

const failureFr =
  '{failure, select, refused {connexion refusée} timeout {pas de réponse à la connexion} ' +
  'unreachable {adresse injoignable depuis ce réseau} greeting-timeout {pas de message d’accueil à temps} ' +
  'reply-timeout {pas de réponse à temps} tarpit {réponse distillée trop lentement (tarpit)} ' +
  'budget {la session a dépassé son temps imparti} rejected {le serveur a refusé la session} ' +
  'protocol {le serveur n’a pas respecté le protocole SMTP} tls {la négociation TLS a échoué} ' +
  'closed {la connexion a été fermée} aborted {l’analyse a été annulée} none {la session s’est arrêtée avant STARTTLS} ' +
  'other {{failure}}}{code, select, none {} other { ({code})}}';

const tlsErrorFr =
  '{code, select, none {sans code d’erreur} HANDSHAKE_TIMEOUT {délai dépassé} other {{code}}}';

const certErrorFr =
  '{code, select, DEPTH_ZERO_SELF_SIGNED_CERT {il est signé par lui-même} SELF_SIGNED_CERT_IN_CHAIN {sa chaîne aboutit à une racine auto-signée que personne ne reconnaît} ' +
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY {son émetteur n’est pas une autorité reconnue, ou un certificat intermédiaire manque} ' +
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE {son émetteur est inconnu, ou un certificat intermédiaire manque} ' +
  'CERT_UNTRUSTED {son autorité n’est pas reconnue} other {{code}}}';

const dnsErrorFr =
  '{reason, select, timeout {délai dépassé} servfail {SERVFAIL} refused {REFUSED} formerr {FORMERR} notimp {NOTIMP} ' +
  'malformed {réponse mal formée} network {erreur réseau} other {erreur DNS}}';

const strictFr =
  '{strict, select, mta-sts { La politique MTA-STS du domaine est en mode enforce : les serveurs expéditeurs qui la respectent refuseront de livrer.} ' +
  'dane { L’hôte publie des enregistrements TLSA (DANE) : les expéditeurs DANE vérifient le certificat.} ' +
  'opportunistic { Les expéditeurs en TLS opportuniste sur le port 25 livrent quand même (chiffré, sans authentification) ; ceux qui appliquent MTA-STS ou DANE refuseraient.} ' +
  'other {}}';

export const frSmtpFindings: Readonly<Record<SmtpFindingKey, string>> = {
  'smtp.unreachable.error': `Impossible de dialoguer avec {where} : ${failureFr}${replyEn}. Aucun verdict sur ce serveur : le port 25 est peut-être bloqué par le réseau d’où telltale s’exécute, le serveur est peut-être surchargé ou pratique le greylisting, ou il est arrêté.`,
  'smtp.unreachable.fail': `{where} ne répond pas (${failureFr}), alors qu’un autre serveur de messagerie du domaine a répondu depuis ce réseau pendant la même analyse : les expéditeurs qui essaient cette adresse perdent du temps ou échouent.`,
  'smtp.unreachable.protocol':
    '{where} ne respecte pas le protocole SMTP : les expéditeurs ne peuvent pas lui remettre de courrier.',
  'smtp.unreachable.answered': '{where} a répondu : {greeting}.',
  'smtp.unreachable.no-prober':
    'Les sondes SMTP ne sont pas disponibles pour cette exécution : les serveurs de messagerie de {domain} n’ont pas été contactés.',
  'smtp.unreachable.private-address':
    '{address} (MX {host}) n’a pas été contacté : aucun expéditeur sur internet ne peut l’atteindre (voir mx.private-address).',
  'smtp.banner.version': '{where} annonce {software} {version} à quiconque se connecte (« {line} »).',
  'smtp.banner.software':
    '{where} nomme son logiciel ({software}) dans sa bannière (« {line} »), mais pas sa version.',
  'smtp.banner.quiet': '{where} ne nomme ni logiciel ni version dans sa bannière ou sa réponse EHLO.',
  'smtp.starttls.missing':
    '{where} ne propose pas STARTTLS : le courrier qui lui est envoyé circule en clair.',
  'smtp.starttls.helo-only':
    '{where} refuse EHLO et ne parle que l’ancien SMTP (HELO) : il ne peut pas proposer STARTTLS, le courrier qui lui est envoyé circule en clair.',
  'smtp.starttls.refused':
    '{where} annonce STARTTLS mais le refuse ({reply}) : les expéditeurs se rabattent sur une transmission en clair.',
  'smtp.starttls.failed': `{where} annonce STARTTLS mais la négociation TLS échoue (${tlsErrorFr}) : les expéditeurs se rabattent sur une transmission en clair.`,
  'smtp.starttls.not-reached': `{where} annonce STARTTLS mais la négociation TLS n’a pas abouti (${failureFr}) : les expéditeurs se rabattent sur une transmission en clair.`,
  'smtp.starttls.implicit-failed': `{where} attend du TLS dès le premier octet mais la négociation échoue (${tlsErrorFr}).`,
  'smtp.starttls.ok': '{where} propose STARTTLS ; la négociation a donné {protocol} avec {cipher}.',
  'smtp.starttls.no-ehlo':
    '{where} nous a accueillis mais sa réponse EHLO/HELO est illisible : ses extensions sont inconnues.',
  'smtp.auth.before-tls-clear':
    '{where} propose AUTH {mechanisms} avant STARTTLS : un client peut envoyer son mot de passe en clair (PLAIN/LOGIN ne sont que du base64).',
  'smtp.auth.before-tls':
    '{where} propose AUTH {mechanisms} avant STARTTLS : des échanges d’authentification peuvent avoir lieu sans chiffrement.',
  'smtp.auth.none-before-tls': '{where} ne propose pas AUTH avant STARTTLS.',
  'smtp.auth.only-after-tls': '{where} ne propose AUTH ({mechanisms}) qu’à l’intérieur de TLS.',
  'smtp.auth.port-25':
    '{where} propose AUTH {mechanisms} sur le port 25, où seuls des serveurs livrent du courrier : c’est une invitation à deviner les mots de passe.',
  'smtp.auth.none-port-25': '{where} ne propose pas AUTH sur le port 25.',
  'smtp.ntlm.leak':
    '{where} répond à une authentification NTLM anonyme avec des informations internes :' +
    '{computer, select, none {} other { ordinateur {computer} ;}}{host, select, none {} other { hôte {host} ;}}' +
    '{netbiosDomain, select, none {} other { domaine NetBIOS {netbiosDomain} ;}}{adDomain, select, none {} other { domaine AD {adDomain} ;}}' +
    '{forest, select, none {} other { forêt {forest} ;}}{target, select, none {} other { cible {target} ;}}' +
    '{windows, select, none { pas de version de Windows} other { Windows {windows} build {build}{release, select, none {} other { ({release})}}}}.',
  'smtp.ntlm.undecodable':
    '{where} répond à une authentification NTLM anonyme par un challenge que telltale n’a pas pu décoder ; il peut contenir des noms internes.',
  'smtp.ntlm.quiet': '{where} a répondu à AUTH NTLM sans noms internes ni version de Windows.',
  'smtp.ntlm.not-offered': '{where} ne propose pas AUTH NTLM.',
  'smtp.ntlm.refused': '{where} annonce NTLM mais refuse de le démarrer ({reply}).',
  'smtp.ntlm.malformed': '{where} a répondu à AUTH NTLM par autre chose que du base64 ({reply}).',
  'smtp.vrfy.enabled':
    '{where} confirme l’existence des boîtes aux lettres avec VRFY : VRFY {name} → {reply}.',
  'smtp.vrfy.enumerates':
    '{where} distingue les boîtes aux lettres existantes des inconnues avec VRFY : VRFY {known} → {knownReply}, ' +
    'mais VRFY {unknown} → {unknownReply}. N’importe qui peut ainsi tester une liste d’adresses.',
  'smtp.vrfy.same':
    '{where} répond à VRFY de la même façon pour une boîte existante et pour un nom qui ne peut pas exister ' +
    '(VRFY {known} → {reply} ; VRFY {unknown} → {unknownReply}) : aucune boîte aux lettres n’est révélée.',
  'smtp.vrfy.quiet': '{where} ne confirme pas les boîtes aux lettres avec VRFY ({reply}).',
  'smtp.vrfy.incomplete':
    '{where} a répondu {reply} à VRFY {known}, mais pas au VRFY d’un nom qui ne peut pas exister : impossible ' +
    'de vérifier s’il distingue les boîtes existantes des inconnues.',
  'smtp.relay.disabled': 'Le test de relais ouvert de {where} n’a pas été fait (--no-relay-test).',
  'smtp.relay.not-run':
    'Le test de relais ouvert de {where} n’a pas été fait : le serveur était injoignable.',
  'smtp.relay.error': `Le test de relais ouvert de {where} n’a pas pu aller jusqu’au bout : ${failureFr}.`,
  'smtp.relay.sender-refused':
    '{where} a refusé notre expéditeur neutre ({reply}) : on ne sait donc pas s’il relaie pour d’autres expéditeurs.',
  'smtp.relay.open':
    '{where} est un RELAIS OUVERT : il a accepté le courrier d’un expéditeur extérieur pour {recipients} (RCPT TO a répondu 2xx). ' +
    'Les spammeurs peuvent envoyer leur courrier par lui. (telltale s’est arrêté avant DATA : rien n’a été livré.)',
  'smtp.relay.percent':
    '{where} a accepté le destinataire « percent hack » {recipient} mais refusé le destinataire extérieur simple : soit il ' +
    'accepte toutes les adresses de son propre domaine (pas de filtrage des destinataires), soit il le transmettrait à l’extérieur. Vérifiez que le routage par % est désactivé.',
  'smtp.relay.deferred':
    '{where} a différé le destinataire extérieur {recipient} ({reply}) : on ne sait donc pas s’il relaie ; réessayez plus tard.',
  'smtp.relay.closed':
    '{where} a refusé {count, plural, one {le destinataire extérieur} other {les # destinataires extérieurs}} d’un expéditeur extérieur : ce n’est pas un relais ouvert.',

  'smtp.tls.legacy-accepted-port-25':
    '{where} accepte {versions} (sur le port 25, cela garde chiffré le courrier de très vieux expéditeurs, mais ces versions sont obsolètes).',
  'smtp.tls.legacy-accepted': '{where} accepte {versions} : des versions obsolètes et attaquables.',
  'smtp.tls.legacy-refused':
    '{where} refuse SSLv3, TLS 1.0 et TLS 1.1{untested, select, none {} other { (non testées : {untested})}} ; ' +
    'il accepte {accepted, select, none {aucune des versions essayées} other {{accepted}}}.',
  'smtp.tls.legacy-unknown': `Impossible de tester les anciennes versions de TLS de {where} ({versions}) : ${failureFr}.`,
  'smtp.tls.no-modern': '{where} n’accepte ni TLS 1.2 ni TLS 1.3.',
  'smtp.tls.weak-accepted': '{where} accepte des suites de chiffrement faibles : {suites}.',
  'smtp.tls.no-forward-secrecy':
    '{where} négocie {cipher} par défaut, sans confidentialité persistante : le courrier enregistré aujourd’hui pourra être déchiffré plus tard avec la clé du serveur.',
  'smtp.tls.ciphers-unknown': `Impossible de tester les suites de chiffrement faibles de {where} : ${failureFr}.`,
  'smtp.tls.anonymous-port-25':
    '{where} accepte des suites anonymes ({suites}) et aucune autre suite faible qui compte sur le port 25' +
    '{cipher, select, none {} other { ; un client moderne obtient {cipher}, avec confidentialité persistante}}. ' +
    'Sans conséquence sur le port 25 : seul un expéditeur qui n’authentifie aucun serveur choisit une suite ' +
    'anonyme, et les expéditeurs DANE ou MTA-STS n’en proposent jamais.',
  'smtp.tls.ciphers-ok':
    '{where} refuse toutes les familles de suites faibles essayées{cipher, select, none {} other { ; un client moderne obtient {cipher}, avec confidentialité persistante}}.',
  'smtp.cert.expired': `Le certificat de {where} a expiré le {notAfter} (il y a {days, plural, one {# jour} other {# jours}}).${strictFr}`,
  'smtp.cert.not-yet-valid': `Le certificat de {where} n’est pas valide avant le {notBefore}.${strictFr}`,
  'smtp.cert.valid': 'Le certificat de {where} est dans sa période de validité (jusqu’au {notAfter}).',
  'smtp.cert.expiring':
    'Le certificat de {where} expire le {notAfter} : {days, plural, one {# jour restant} other {# jours restants}}.',
  'smtp.cert.name-mismatch': `Le certificat de {where} n’est pas valide pour {names} : il couvre {dnsNames, select, none {aucun nom DNS} other {{dnsNames}}}.${strictFr}`,
  'smtp.cert.name-ok': 'Le certificat de {where} est valide pour {name}.',
  'smtp.cert.name-dane-ee':
    'Le certificat de {where} ne nomme pas l’hôte MX, mais avec des enregistrements DANE-EE le nom n’a pas d’importance (RFC 7672 §3.1.1).',
  'smtp.cert.untrusted': `Le certificat de {where} est {selfSigned, select, yes {auto-signé} other {non reconnu}} : ${certErrorFr}.${strictFr}`,
  'smtp.cert.untrusted-dane-ee': `Le certificat de {where} n’est pas reconnu par les autorités publiques (${certErrorFr}), ce qui n’a pas d’importance avec des enregistrements DANE-EE.`,
  'smtp.cert.trusted':
    'Le certificat de {where} remonte à une autorité de certification reconnue (émetteur {issuer}).',
  'smtp.cert.weak-key': `Le certificat de {where} est faible : {problems}.${strictFr}`,
  'smtp.cert.strong-key':
    'Le certificat de {where} a une clé {keyType}{bits, select, none {} other { de {bits} bits}} et une signature {signature}.',

  'dane.lookup-failed': `Impossible de lire les enregistrements TLSA de {name} : ${dnsErrorFr}. On ne sait pas si DANE est utilisé.`,
  'dane.none': 'Aucun enregistrement TLSA à {name} : DANE n’est pas utilisé pour cet hôte.',
  'dane.authenticated':
    '{count, plural, one {L’enregistrement TLSA de {name} est validé} other {Les # enregistrements TLSA de {name} sont validés}} par DNSSEC (bit AD).',
  'dane.unsigned':
    '{name} publie des enregistrements TLSA, mais sa zone n’est pas signée (le résolveur valide : {zone} est signée) : les expéditeurs les ignorent, DANE ne protège donc rien.',
  'dane.undetermined':
    '{name} publie des enregistrements TLSA, mais ils ne sont pas revenus authentifiés et le résolveur ne semble pas valider DNSSEC : pas de verdict. Utilisez --resolver avec un résolveur validant.',
  'dane.bogus':
    'L’état DNSSEC de {name} n’a pas pu être établi (réponses invalides ou en échec) : pas de verdict sur ses enregistrements TLSA.',
  'dane.match':
    'La chaîne de certificats de {where} correspond à l’enregistrement TLSA {record} (certificat {index} de la chaîne).',
  'dane.mismatch':
    'La chaîne de certificats de {where} ne correspond {count, plural, one {pas à l’enregistrement TLSA} other {à aucun des # enregistrements TLSA}} ({records}). Les expéditeurs DANE refusent de lui livrer du courrier : ' +
    'c’est la panne classique après un changement de certificat sans mise à jour de l’enregistrement TLSA.' +
    '{current, select, none {} other { L’enregistrement du certificat en service serait : {current}.}}',
  'dane.no-usable':
    '{count, plural, one {L’enregistrement TLSA de {where} n’est pas utilisable} other {Aucun des # enregistrements TLSA de {where} n’est utilisable}} pour SMTP ({records}) : les usages 0 et 1 ne sont pas définis pour SMTP (RFC 7672 §3.1.3) et les valeurs inconnues sont ignorées. Les expéditeurs utilisent TLS sans authentification.',
  'dane.unparsable': 'Impossible de lire la chaîne de certificats de {where} : pas de verdict DANE.',
  'dane.no-tls':
    '{where} a des enregistrements TLSA validés par DNSSEC mais ne propose pas de STARTTLS fonctionnel : les expéditeurs DANE ne lui livreront rien.',
  'dane.unreachable':
    'Impossible de comparer les enregistrements TLSA avec {where} : le serveur était injoignable (voir smtp.unreachable).',

  'smtp.ptr.lookup-failed': `Impossible de lire le DNS inverse de {address} (MX {host}) : ${dnsErrorFr}. On ne sait pas s’il a un nom PTR.`,
  'smtp.ptr.missing':
    '{address} (MX {host}) n’a pas d’enregistrement PTR ({name}) : les destinataires qui vérifient le DNS inverse se méfieront du courrier envoyé par ce serveur, ou le refuseront.',
  'smtp.ptr.present': '{address} a un DNS inverse : {names}.',
  'smtp.ptr.confirmed-mx-name':
    '{address} → {name} → {address} : confirmé dans le sens direct, et le nom PTR est le nom MX.',
  'smtp.ptr.confirmed':
    '{address} → {name} → {address} : confirmé dans le sens direct (le nom MX est {host} ; un nom identique est plus propre mais pas obligatoire).',
  'smtp.ptr.not-confirmed':
    '{address} a le nom PTR {names}, mais {count, plural, one {ce nom ne renvoie pas} other {aucun de ces noms ne renvoie}} vers {address} : le DNS inverse n’est pas confirmé dans le sens direct.',
  'smtp.ptr.confirm-failed': `Impossible de confirmer le nom PTR {names} de {address} : ${dnsErrorFr}.`,

  'dnsbl.listed':
    '{address} (MX {host}) figure sur {blocklist} ({zone}, {sublist}, réponse {answer}) ; motif (d’après nos données, en anglais) : « {meaning} ». Consultez la fiche et demandez le retrait sur {lookup}.',
  'dnsbl.policy':
    '{address} (MX {host}) figure dans la liste {sublist} de {blocklist} (réponse {answer}) ; motif (d’après nos données, en anglais) : « {meaning} ». ' +
    'Le courrier que cette adresse envoie directement est refusé par les destinataires qui utilisent cette liste ; le courrier qu’elle reçoit n’est pas touché.',
  'dnsbl.unknown-code':
    '{address} (MX {host}) figure sur {blocklist} ({zone}) avec le code de retour {answer}, que la table de telltale ne décrit pas. Consultez-le sur {lookup}.',
  'dnsbl.refused':
    'Impossible de vérifier {address} auprès de {blocklist} : la liste a répondu {answer}, ce qui signifie, d’après nos données (en anglais) : « {meaning} ». Ce n’est pas une inscription.',
  'dnsbl.refused-unknown':
    'Impossible de vérifier {address} auprès de {blocklist} : la liste a répondu {answer}, un code d’erreur qu’elle utilise. Ce n’est pas une inscription.',
  'dnsbl.not-dnsbl-answer':
    'Impossible de vérifier {address} auprès de {blocklist} : la réponse {answer} est hors de 127.0.0.0/8, ce n’est donc pas ' +
    'une réponse de liste de blocage (en général un résolveur qui remplace « nom inexistant » par une adresse publicitaire). Utilisez un résolveur qui ne modifie pas les réponses.',
  'dnsbl.lists-everything':
    'Impossible de vérifier {address} auprès de {blocklist} : la zone répertorie aussi 127.0.0.1, l’adresse que la RFC 5782 interdit ' +
    'd’inscrire ; elle répond donc « inscrit » pour tout (liste abandonnée ou détournée). Sa réponse est ignorée.',
  'dnsbl.lookup-failed': `Impossible de vérifier {address} auprès de {blocklist} ({zone}) : ${dnsErrorFr}.`,
  'dnsbl.clean':
    '{address} (MX {host}) ne figure sur aucune des {count, plural, one {# liste de blocage} other {# listes de blocage}} qui ont répondu ({lists})' +
    '{unchecked, plural, =0 {.} one { ; # n’a pas pu être vérifiée (voir les erreurs).} other { ; # n’ont pas pu être vérifiées (voir les erreurs).}}',
};
