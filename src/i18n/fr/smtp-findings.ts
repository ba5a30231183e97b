// Finding messages of the connector checks (smtp.*, dane.*, dnsbl.*, PTR) in English and French, keyed by
// `Finding.messageKey`. The checks render their English text from `enSmtpFindings`, so both stay in step.

// ---- Shared fragments: codes worded per language ---------------------------------------------------------

/** An SMTP failure (`SmtpFailure.kind`), with Node's error code when there was one. */
const failureEn =
  '{failure, select, refused {the connection was refused} timeout {no answer to the connection} ' +
  'unreachable {the address is unreachable from here} greeting-timeout {no greeting in time} ' +
  'reply-timeout {no reply in time} tarpit {the reply trickled in too slowly (tarpit)} ' +
  'budget {the session ran out of time} rejected {the server refused the session} ' +
  'protocol {the server broke the SMTP protocol} tls {the TLS handshake failed} ' +
  'closed {the connection was closed} aborted {the scan was cancelled} none {the session ended before STARTTLS} ' +
  'other {{failure}}}{code, select, none {} other { ({code})}}';
const failureFr =
  '{failure, select, refused {connexion refusée} timeout {pas de réponse à la connexion} ' +
  'unreachable {adresse injoignable depuis ce réseau} greeting-timeout {pas de message d’accueil à temps} ' +
  'reply-timeout {pas de réponse à temps} tarpit {réponse distillée trop lentement (tarpit)} ' +
  'budget {la session a dépassé son temps imparti} rejected {le serveur a refusé la session} ' +
  'protocol {le serveur n’a pas respecté le protocole SMTP} tls {la négociation TLS a échoué} ' +
  'closed {la connexion a été fermée} aborted {l’analyse a été annulée} none {la session s’est arrêtée avant STARTTLS} ' +
  'other {{failure}}}{code, select, none {} other { ({code})}}';

/** An SMTP reply quoted as the server sent it, when there is one. */
const replyEn = '{reply, select, none {} other { ({reply})}}';

/** A TLS handshake error: OpenSSL's or Node's code. */
const tlsErrorEn = '{code, select, none {no error code} HANDSHAKE_TIMEOUT {timed out} other {{code}}}';
const tlsErrorFr =
  '{code, select, none {sans code d’erreur} HANDSHAKE_TIMEOUT {délai dépassé} other {{code}}}';

/** A certificate verification error: OpenSSL's code. */
const certErrorEn =
  '{code, select, DEPTH_ZERO_SELF_SIGNED_CERT {it signs itself} SELF_SIGNED_CERT_IN_CHAIN {its chain ends in a self-signed root nobody trusts} ' +
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY {its issuer is not a trusted CA, or an intermediate certificate is missing} ' +
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE {its issuer is unknown, or an intermediate certificate is missing} ' +
  'CERT_UNTRUSTED {its CA is not trusted} other {{code}}}';
const certErrorFr =
  '{code, select, DEPTH_ZERO_SELF_SIGNED_CERT {il est signé par lui-même} SELF_SIGNED_CERT_IN_CHAIN {sa chaîne aboutit à une racine auto-signée que personne ne reconnaît} ' +
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY {son émetteur n’est pas une autorité reconnue, ou un certificat intermédiaire manque} ' +
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE {son émetteur est inconnu, ou un certificat intermédiaire manque} ' +
  'CERT_UNTRUSTED {son autorité n’est pas reconnue} other {{code}}}';

/** A DNS lookup failure (`DnsErrorReason`). */
const dnsErrorEn =
  '{reason, select, timeout {timeout} servfail {SERVFAIL} refused {REFUSED} formerr {FORMERR} notimp {NOTIMP} ' +
  'malformed {malformed answer} network {network error} other {DNS error}}';
const dnsErrorFr =
  '{reason, select, timeout {délai dépassé} servfail {SERVFAIL} refused {REFUSED} formerr {FORMERR} notimp {NOTIMP} ' +
  'malformed {réponse mal formée} network {erreur réseau} other {erreur DNS}}';

/** What makes senders strict about a port-25 certificate (appended to certificate verdicts). */
const strictEn =
  '{strict, select, mta-sts { The domain’s MTA-STS policy is in enforce mode, so senders that honour it will refuse to deliver.} ' +
  'dane { The host publishes DANE TLSA records, so DANE senders verify the certificate.} ' +
  'opportunistic { Senders using opportunistic TLS on port 25 still deliver (encrypted, unauthenticated); those with MTA-STS or DANE would not.} ' +
  'other {}}';
const strictFr =
  '{strict, select, mta-sts { La politique MTA-STS du domaine est en mode enforce : les serveurs expéditeurs qui la respectent refuseront de livrer.} ' +
  'dane { L’hôte publie des enregistrements TLSA (DANE) : les expéditeurs DANE vérifient le certificat.} ' +
  'opportunistic { Les expéditeurs en TLS opportuniste sur le port 25 livrent quand même (chiffré, sans authentification) ; ceux qui appliquent MTA-STS ou DANE refuseraient.} ' +
  'other {}}';

// ---- English ----------------------------------------------------------------------------------------------

export const enSmtpFindings = {
  // Reachability and session
  'smtp.unreachable.error': `Could not talk to {where}: ${failureEn}${replyEn}. No verdict on this server: port 25 may be blocked by the network telltale runs from, the server may be busy or greylisting, or it may be down.`,
  'smtp.unreachable.fail': `{where} does not answer (${failureEn}), although another mail server of the domain answered from here in the same scan: senders trying this address lose time or fail.`,
  'smtp.unreachable.protocol': '{where} broke the SMTP protocol: senders cannot deliver to it.',
  'smtp.unreachable.answered': '{where} answered: {greeting}.',
  'smtp.unreachable.no-prober':
    'SMTP probing is not available in this run, so the mail servers of {domain} were not contacted.',
  'smtp.unreachable.private-address':
    '{address} (MX {host}) was not contacted: no sender on the internet can reach it (see mx.private-address).',
  'smtp.banner.version': '{where} announces {software} {version} to anyone who connects ("{line}").',
  'smtp.banner.software': '{where} names its software ({software}) in its banner ("{line}"), but no version.',
  'smtp.banner.quiet': '{where} names no software or version in its banner or EHLO reply.',
  'smtp.starttls.missing': '{where} does not offer STARTTLS: mail to it travels in clear text.',
  'smtp.starttls.helo-only':
    '{where} refused EHLO and only speaks old HELO SMTP, so it cannot offer STARTTLS: mail to it travels in clear text.',
  'smtp.starttls.refused':
    '{where} advertises STARTTLS but refused it ({reply}): senders fall back to clear text.',
  'smtp.starttls.failed': `{where} advertises STARTTLS but the TLS handshake failed (${tlsErrorEn}): senders fall back to clear text.`,
  'smtp.starttls.not-reached': `{where} advertises STARTTLS but the TLS handshake failed (${failureEn}): senders fall back to clear text.`,
  'smtp.starttls.implicit-failed': `{where} expects TLS from the first byte but the handshake failed (${tlsErrorEn}).`,
  'smtp.starttls.ok': '{where} offers STARTTLS; the handshake gave {protocol} with {cipher}.',
  'smtp.starttls.no-ehlo':
    '{where} greeted us but its EHLO/HELO reply could not be read, so its extensions are unknown.',
  'smtp.auth.before-tls-clear':
    '{where} offers AUTH {mechanisms} before STARTTLS: a client can send its password in clear text (PLAIN/LOGIN are only base64).',
  'smtp.auth.before-tls':
    '{where} offers AUTH {mechanisms} before STARTTLS: login exchanges can happen without encryption.',
  'smtp.auth.none-before-tls': '{where} offers no AUTH before STARTTLS.',
  'smtp.auth.only-after-tls': '{where} offers AUTH ({mechanisms}) only inside TLS.',
  'smtp.auth.port-25':
    '{where} offers AUTH {mechanisms} on port 25, where only servers deliver: it invites password guessing.',
  'smtp.auth.none-port-25': '{where} offers no AUTH on port 25.',
  'smtp.ntlm.leak':
    '{where} answers an anonymous AUTH NTLM with internal details:' +
    '{computer, select, none {} other { computer {computer};}}{host, select, none {} other { host {host};}}' +
    '{netbiosDomain, select, none {} other { NetBIOS domain {netbiosDomain};}}{adDomain, select, none {} other { AD domain {adDomain};}}' +
    '{forest, select, none {} other { forest {forest};}}{target, select, none {} other { target {target};}}' +
    '{windows, select, none { no Windows build} other { Windows {windows} build {build}{release, select, none {} other { ({release})}}}}.',
  'smtp.ntlm.undecodable':
    '{where} answers an anonymous AUTH NTLM with a challenge telltale could not decode; it may carry internal names.',
  'smtp.ntlm.quiet': '{where} answered AUTH NTLM without internal names or Windows build.',
  'smtp.ntlm.not-offered': '{where} does not offer AUTH NTLM.',
  'smtp.ntlm.refused': '{where} advertises NTLM but refused to start it ({reply}).',
  'smtp.ntlm.malformed': '{where} answered AUTH NTLM with something that is not base64 ({reply}).',
  'smtp.vrfy.enabled': '{where} confirms mailboxes with VRFY: VRFY postmaster → {reply}.',
  'smtp.vrfy.quiet': '{where} does not confirm mailboxes with VRFY ({reply}).',
  'smtp.relay.disabled': 'The open-relay test of {where} was not run (--no-relay-test).',
  'smtp.relay.not-run': 'The open-relay test of {where} was not run: the server could not be reached.',
  'smtp.relay.error': `The open-relay test of {where} could not finish: ${failureEn}.`,
  'smtp.relay.sender-refused':
    '{where} refused our neutral sender ({reply}), so whether it relays for other senders is unknown.',
  'smtp.relay.open':
    '{where} is an OPEN RELAY: it accepted mail from an outside sender for {recipients} (RCPT TO answered 2xx). ' +
    'Spammers can send through it. (telltale stopped before DATA: nothing was delivered.)',
  'smtp.relay.percent':
    '{where} accepted the percent-hack recipient {recipient} but refused the plain outside recipient: either it ' +
    'accepts every address of its own domain (no recipient filtering), or it would forward it outside. Check that % routing is off.',
  'smtp.relay.deferred':
    '{where} deferred the outside recipient {recipient} ({reply}), so whether it relays is unknown; try again later.',
  'smtp.relay.closed':
    '{where} refused {count, plural, one {the # outside recipient} other {all # outside recipients}} from an outside sender: not an open relay.',

  // TLS versions, ciphers, certificate
  'smtp.tls.legacy-accepted-port-25':
    '{where} accepts {versions} (on port 25 this keeps very old senders encrypted, but these versions are deprecated).',
  'smtp.tls.legacy-accepted': '{where} accepts {versions}: deprecated and attackable versions.',
  'smtp.tls.legacy-refused':
    '{where} refuses SSLv3, TLS 1.0 and TLS 1.1{untested, select, none {} other { (not tested: {untested})}}; ' +
    'it accepts {accepted, select, none {no version we tried} other {{accepted}}}.',
  'smtp.tls.legacy-unknown': `Could not test the legacy TLS versions of {where} ({versions}): ${failureEn}.`,
  'smtp.tls.no-modern': '{where} accepts neither TLS 1.2 nor TLS 1.3.',
  'smtp.tls.weak-accepted': '{where} accepts weak cipher suites: {suites}.',
  'smtp.tls.no-forward-secrecy':
    '{where} negotiates {cipher} by default, without forward secrecy: recorded mail can be decrypted later with the server key.',
  'smtp.tls.ciphers-unknown': `Could not test the weak cipher suites of {where}: ${failureEn}.`,
  'smtp.tls.ciphers-ok':
    '{where} refuses every weak suite family we tried{cipher, select, none {} other {; a modern client gets {cipher}, with forward secrecy}}.',
  'smtp.cert.expired': `The certificate of {where} expired on {notAfter} ({days, plural, one {# day} other {# days}} ago).${strictEn}`,
  'smtp.cert.not-yet-valid': `The certificate of {where} is not valid before {notBefore}.${strictEn}`,
  'smtp.cert.valid': 'The certificate of {where} is within its validity period (until {notAfter}).',
  'smtp.cert.expiring':
    'The certificate of {where} expires on {notAfter}: {days, plural, one {# day} other {# days}} left.',
  'smtp.cert.name-mismatch': `The certificate of {where} is not valid for {names}: it names {dnsNames, select, none {no DNS name} other {{dnsNames}}}.${strictEn}`,
  'smtp.cert.name-ok': 'The certificate of {where} is valid for {name}.',
  'smtp.cert.name-dane-ee':
    'The certificate of {where} does not name the MX host, but DANE-EE records make names irrelevant (RFC 7672 §3.1.1).',
  'smtp.cert.untrusted': `The certificate of {where} is {selfSigned, select, yes {self-signed} other {not trusted}}: ${certErrorEn}.${strictEn}`,
  'smtp.cert.untrusted-dane-ee': `The certificate of {where} is not trusted by public CAs (${certErrorEn}), which DANE-EE records make irrelevant.`,
  'smtp.cert.trusted': 'The certificate of {where} chains to a trusted CA (issuer {issuer}).',
  'smtp.cert.weak-key': `The certificate of {where} is weak: {problems}.${strictEn}`,
  'smtp.cert.strong-key':
    'The certificate of {where} has a {keyType}{bits, select, none {} other { {bits}-bit}} key and a {signature} signature.',

  // DANE
  'dane.lookup-failed': `Could not read the TLSA records at {name}: ${dnsErrorEn}. Whether DANE is in use is unknown.`,
  'dane.none': 'No TLSA records at {name}: DANE is not in use for this host.',
  'dane.authenticated':
    'The {count, plural, one {# TLSA record} other {# TLSA records}} at {name} are DNSSEC-validated (AD bit).',
  'dane.unsigned':
    '{name} publishes TLSA records, but its zone is not signed (the resolver validates: {zone} is signed): senders ignore them, so DANE protects nothing.',
  'dane.undetermined':
    '{name} publishes TLSA records, but they did not come back authenticated and the resolver does not seem to validate DNSSEC: no verdict. Use --resolver with a validating resolver.',
  'dane.bogus':
    'The DNSSEC status of {name} could not be established (bogus or failing answers): no verdict on its TLSA records.',
  'dane.match':
    'The certificate chain of {where} matches the TLSA record {record} (certificate {index} of the chain).',
  'dane.mismatch':
    'The certificate chain of {where} matches none of the TLSA records ({records}). DANE senders refuse to deliver to it: ' +
    'this is the classic outage after a certificate change without a TLSA update.' +
    '{current, select, none {} other { The record for the certificate in use would be: {current}.}}',
  'dane.no-usable':
    'None of the TLSA records for {where} is usable for SMTP ({records}): usages 0 and 1 are undefined for SMTP (RFC 7672 §3.1.3) and unknown values are ignored. Senders use TLS without authentication.',
  'dane.unparsable': 'Could not read the certificate chain of {where}: no DANE verdict.',
  'dane.no-tls':
    '{where} has DNSSEC-validated TLSA records but offers no working STARTTLS: DANE senders will not deliver to it.',
  'dane.unreachable':
    'Could not match the TLSA records against {where}: the server could not be reached (see smtp.unreachable).',

  // Reverse DNS
  'smtp.ptr.lookup-failed': `Could not read the reverse DNS of {address} (MX {host}): ${dnsErrorEn}. Whether it has a PTR name is unknown.`,
  'smtp.ptr.missing':
    '{address} (MX {host}) has no PTR record ({name}): receivers that check reverse DNS will distrust or refuse mail this server sends.',
  'smtp.ptr.present': '{address} has reverse DNS: {names}.',
  'smtp.ptr.confirmed-mx-name':
    '{address} → {name} → {address}: forward-confirmed, and the PTR name is the MX name.',
  'smtp.ptr.confirmed':
    '{address} → {name} → {address}: forward-confirmed (the MX name is {host}; a matching name is neater but not required).',
  'smtp.ptr.not-confirmed':
    '{address} has the PTR name {names}, but {count, plural, one {that name does} other {none of these names do}} not resolve back to {address}: reverse DNS is not forward-confirmed.',
  'smtp.ptr.confirm-failed': `Could not confirm the PTR name {names} of {address}: ${dnsErrorEn}.`,

  // DNS blocklists (`meaning` and `list` come from data/dnsbl-zones.json, in English)
  'dnsbl.listed':
    '{address} (MX {host}) is listed by {blocklist} ({zone}, {sublist}, answer {answer}): {meaning}. Look it up and ask for removal at {lookup}.',
  'dnsbl.policy':
    "{address} (MX {host}) is on {blocklist}'s {sublist} (answer {answer}): {meaning}. Mail this address sends " +
    'directly is refused by receivers that use it; mail it receives is not affected.',
  'dnsbl.unknown-code':
    "{address} (MX {host}) is listed by {blocklist} ({zone}) with return code {answer}, which telltale's table does not describe. Look it up at {lookup}.",
  'dnsbl.refused':
    'Could not check {address} against {blocklist}: it answered {answer}, which means {meaning}. This is not a listing.',
  'dnsbl.refused-unknown':
    'Could not check {address} against {blocklist}: it answered {answer}, which means an error code this list uses. This is not a listing.',
  'dnsbl.not-dnsbl-answer':
    'Could not check {address} against {blocklist}: the answer {answer} is outside 127.0.0.0/8, so it is not a ' +
    'blocklist answer (usually a resolver that rewrites "no such name" into an advertising address). Use a plain resolver.',
  'dnsbl.lists-everything':
    'Could not check {address} against {blocklist}: the zone also lists 127.0.0.1, the address RFC 5782 says must ' +
    'never be listed, so it answers "listed" for everything (a dead or hijacked list). Its answer is ignored.',
  'dnsbl.lookup-failed': `Could not check {address} against {blocklist} ({zone}): ${dnsErrorEn}.`,
  'dnsbl.clean':
    '{address} (MX {host}) is on none of the {count, plural, one {# blocklist} other {# blocklists}} that answered ({lists})' +
    '{unchecked, plural, =0 {.} other {; # could not be checked (see the errors).}}',
} as const;

export type SmtpFindingKey = keyof typeof enSmtpFindings;

// ---- French -----------------------------------------------------------------------------------------------

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
    '{where} confirme l’existence des boîtes aux lettres avec VRFY : VRFY postmaster → {reply}.',
  'smtp.vrfy.quiet': '{where} ne confirme pas les boîtes aux lettres avec VRFY ({reply}).',
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
    'La chaîne de certificats de {where} ne correspond à aucun des enregistrements TLSA ({records}). Les expéditeurs DANE refusent de lui livrer du courrier : ' +
    'c’est la panne classique après un changement de certificat sans mise à jour de l’enregistrement TLSA.' +
    '{current, select, none {} other { L’enregistrement du certificat en service serait : {current}.}}',
  'dane.no-usable':
    'Aucun des enregistrements TLSA de {where} n’est utilisable pour SMTP ({records}) : les usages 0 et 1 ne sont pas définis pour SMTP (RFC 7672 §3.1.3) et les valeurs inconnues sont ignorées. Les expéditeurs utilisent TLS sans authentification.',
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
    '{address} (MX {host}) figure sur {blocklist} ({zone}, {sublist}, réponse {answer}) ; la liste l’explique ainsi (en anglais) : « {meaning} ». Consultez la fiche et demandez le retrait sur {lookup}.',
  'dnsbl.policy':
    '{address} (MX {host}) figure dans la liste {sublist} de {blocklist} (réponse {answer}) ; la liste l’explique ainsi (en anglais) : « {meaning} ». ' +
    'Le courrier que cette adresse envoie directement est refusé par les destinataires qui utilisent cette liste ; le courrier qu’elle reçoit n’est pas touché.',
  'dnsbl.unknown-code':
    '{address} (MX {host}) figure sur {blocklist} ({zone}) avec le code de retour {answer}, que la table de telltale ne décrit pas. Consultez-le sur {lookup}.',
  'dnsbl.refused':
    'Impossible de vérifier {address} auprès de {blocklist} : la liste a répondu {answer}, ce qui signifie (en anglais) « {meaning} ». Ce n’est pas une inscription.',
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
