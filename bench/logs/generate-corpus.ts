// Writes a synthetic Exchange log corpus for the `telltale logs` benchmark: hourly IIS W3C logs and
// HttpProxy logs with realistic traffic and a few planted indicators. Generated into /tmp, never committed.
// Usage: node --import tsx bench/logs/generate-corpus.ts [DIR] [GIGABYTES]

import { createWriteStream } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';

const dir = process.argv[2] ?? '/tmp/telltale-logs-corpus';
const gigabytes = Number(process.argv[3] ?? '2.2');
const fileBytes = 100 * 1024 * 1024;

// A deterministic generator, so every run writes the same corpus.
let seed = 0x2545f491;
function random(): number {
  seed ^= seed << 13;
  seed ^= seed >>> 17;
  seed ^= seed << 5;
  return (seed >>> 0) / 0x100000000;
}
function pick<T>(items: readonly T[]): T {
  return items[Math.floor(random() * items.length)] as T;
}

const users = Array.from({ length: 400 }, (_, index) => `user${index}`);
const agents = [
  'Mozilla/5.0+(Windows+NT+10.0;+Win64;+x64)+AppleWebKit/537.36+(KHTML,+like+Gecko)+Chrome/124.0.0.0+Safari/537.36+Edg/124.0.0.0',
  'Microsoft+Office/16.0+(Windows+NT+10.0;+Microsoft+Outlook+16.0.17328;+Pro)',
  'Apple-iPhone14C2/2006.2',
  'Outlook-iOS/709.2226530.prod.iphone+(4.2335.0)',
  'AMProbe/Local/ClientAccess',
  'Microsoft+WinRM+Client',
];
// [method, stem, query] — the everyday traffic of an Exchange front end, look-alikes included.
const requests: readonly (readonly [string, string, string])[] = [
  ['POST', '/owa/service.svc', 'action=GetItem&EP=1&ID=-1&AC=1'],
  ['POST', '/owa/service.svc', 'action=FindItem&EP=1&ID=-7&AC=1'],
  ['GET', '/owa/', 'ae=Folder&t=IPF.Note'],
  ['GET', '/owa/auth/logon.aspx', 'replaceCurrent=1&url=https%3a%2f%2fmail.contoso.com%2fowa%2f'],
  ['POST', '/owa/auth.owa', '-'],
  ['GET', '/owa/prem/15.2.1118/scripts/boot.worldwide.0.mouse.js', '-'],
  ['POST', '/mapi/emsmdb/', 'MailboxId=0a1b2c3d-0000-4000-8000-00000000abcd@contoso.com'],
  ['POST', '/mapi/nspi/', 'MailboxId=0a1b2c3d-0000-4000-8000-00000000abcd@contoso.com'],
  ['POST', '/EWS/Exchange.asmx', '-'],
  [
    'POST',
    '/Microsoft-Server-ActiveSync/default.eas',
    'Cmd=Sync&User=jdoe&DeviceId=ABCDEF0123&DeviceType=iPhone',
  ],
  [
    'POST',
    '/Microsoft-Server-ActiveSync/default.eas',
    'Cmd=Ping&User=jdoe&DeviceId=ABCDEF0123&DeviceType=iPhone',
  ],
  ['GET', '/autodiscover/autodiscover.json/v1.0/jdoe@contoso.com', 'Protocol=AutodiscoverV1&RedirectCount=1'],
  ['POST', '/autodiscover/autodiscover.xml', '-'],
  ['POST', '/rpc/rpcproxy.dll', 'mail.contoso.com:6001'],
  ['POST', '/ecp/DDI/DDIService.svc/GetList', 'reqId=1&msExchEcpCanary=abc'],
  ['GET', '/oab/0a1b2c3d-0000-4000-8000-00000000abcd/oab.xml', '-'],
  [
    'POST',
    '/powershell',
    'serializationLevel=Full;ExchClientVer=15.2.1118.7;clientApplication=ManagementShell',
  ],
];
const planted: readonly string[] = [
  'POST /autodiscover/autodiscover.json @evil.corp/powershell/?X-Rps-CAT=VgEAVAdXaW5kb3dz&Email=autodiscover/autodiscover.json%3F@evil.corp 443 - 203.0.113.51 python-requests/2.25.1 - 200 0 0 40',
  'GET /aspnet_client/system_web/x4kd2.aspx - 443 - 203.0.113.55 Mozilla/5.0 - 200 0 0 5',
  'POST /owa/mastermailbox%40outlook.com/powershell - 443 CONTOSO\\jdoe 203.0.113.54 python-requests/2.28.1 - 200 0 0 50',
];

function two(value: number): string {
  return String(value).padStart(2, '0');
}

function iisLine(hour: number, index: number): string {
  const [method, stem, query] = pick(requests);
  const time = `2024-03-04 ${two(hour % 24)}:${two(Math.floor(index / 1000) % 60)}:${two(index % 60)}`;
  const user = random() < 0.2 ? '-' : `CONTOSO\\${pick(users)}`;
  const ip =
    random() < 0.3
      ? `10.0.${Math.floor(random() * 4)}.${Math.floor(random() * 250)}`
      : `198.51.100.${Math.floor(random() * 250)}`;
  const status = random() < 0.95 ? '200' : pick(['302', '401', '404', '500']);
  return `${time} 10.0.0.5 ${method} ${stem} ${query} 443 ${user} ${ip} ${pick(agents)} - ${status} 0 0 ${Math.floor(random() * 900)}\n`;
}

function proxyLine(hour: number, index: number): string {
  const [method, stem, query] = pick(requests);
  const time = `2024-03-04T${two(hour % 24)}:${two(Math.floor(index / 1000) % 60)}:${two(index % 60)}.${String(index % 1000).padStart(3, '0')}Z`;
  const user = pick(users);
  const guid = `${Math.floor(random() * 0xffffffff)
    .toString(16)
    .padStart(8, '0')}-1d2c-4e5f-9a8b-${index.toString(16).padStart(12, '0')}`;
  const protocol = stem.split('/')[1] ?? 'owa';
  return `${time},${guid},15,2,1118,7,,${protocol},mail.contoso.com,${stem},,Negotiate,true,CONTOSO\\${user},,Smtp~${user}@contoso.com,${pick(agents).replaceAll('+', ' ')},198.51.100.${Math.floor(random() * 250)},EXCH01,200,200,,${method},Proxy,exch02.contoso.com,Version(15.2.1118.7),DatabaseGuid,${guid},,,0,${Math.floor(random() * 9000)},${Math.floor(random() * 90000)},1,,1,0,,0,,0,,0,0,,0,12,0,1,0,5,0,1,0,2,0,0,0,18,0,2,4,26,,${query === '-' ? '' : query},,S:ServiceCommonMetadata.HttpMethod=${method};S:CafeReqRouting=Mailbox,,,,,\n`;
}

const iisHeader =
  '#Software: Microsoft Internet Information Services 10.0\n#Version: 1.0\n#Date: 2024-03-04 00:00:00\n#Fields: date time s-ip cs-method cs-uri-stem cs-uri-query s-port cs-username c-ip cs(User-Agent) cs(Referer) sc-status sc-substatus sc-win32-status time-taken\n';
const proxyHeader =
  '#Software: Microsoft Exchange Server\n#Version: 15.02.1118.007\n#Log-type: HttpProxy Logs\n#Date: 2024-03-04T00:00:00.000Z\n#Fields: DateTime,RequestId,MajorVersion,MinorVersion,BuildVersion,RevisionVersion,ClientRequestId,Protocol,UrlHost,UrlStem,ProtocolAction,AuthenticationType,IsAuthenticated,AuthenticatedUser,Organization,AnchorMailbox,UserAgent,ClientIpAddress,ServerHostName,HttpStatus,BackEndStatus,ErrorCode,Method,ProxyAction,TargetServer,TargetServerVersion,RoutingType,RoutingHint,BackEndCookie,ServerLocatorHost,ServerLocatorLatency,RequestBytes,ResponseBytes,TargetOutstandingRequests,AuthModulePerfContext,HttpPipelineLatency,CalculateTargetBackEndLatency,GlsLatencyBreakup,TotalGlsLatency,AccountForestLatencyBreakup,TotalAccountForestLatency,ResourceForestLatencyBreakup,TotalResourceForestLatency,ADLatency,SharedCacheLatencyBreakup,TotalSharedCacheLatency,ActivityContextLifeTime,ModuleToHandlerSwitchingLatency,ClientReqStreamLatency,BackendReqInitLatency,BackendReqStreamLatency,BackendProcessingLatency,BackendRespInitLatency,BackendRespStreamLatency,ClientRespStreamLatency,KerberosAuthHeaderLatency,HandlerCompletionLatency,RequestHandlerLatency,HandlerToModuleSwitchingLatency,ProxyTime,CoreLatency,RoutingLatency,HttpProxyOverhead,TotalRequestTime,RouteRefresherLatency,UrlQuery,BackEndGenericInfo,GenericInfo,GenericErrors,EdgeTraceId,DatabaseGuid,UserADObjectGuid,PartitionEndpointLookupLatency,RoutingStatus\n';

async function writeFile(path: string, header: string, line: (index: number) => string, plant: boolean) {
  const out = createWriteStream(path);
  let written = header.length;
  let buffer = header;
  let index = 0;
  while (written < fileBytes) {
    let text = line(index);
    index += 1;
    if (plant && index % 250_000 === 0) text = `2024-03-04 12:00:00 10.0.0.5 ${pick(planted)}\n`;
    buffer += text;
    written += text.length;
    if (buffer.length > 1 << 20) {
      if (!out.write(buffer)) await new Promise<void>((resolve) => out.once('drain', () => resolve()));
      buffer = '';
    }
  }
  out.end(buffer);
  await new Promise<void>((resolve) => out.once('close', () => resolve()));
}

await mkdir(join(dir, 'W3SVC1'), { recursive: true });
await mkdir(join(dir, 'HttpProxy', 'Owa'), { recursive: true });
const files = Math.ceil((gigabytes * 1024 ** 3) / fileBytes);
for (let file = 0; file < files; file += 1) {
  if (file % 2 === 0) {
    await writeFile(
      join(dir, 'W3SVC1', `u_ex2403${two(file)}.log`),
      iisHeader,
      (i) => iisLine(file, i),
      true,
    );
  } else {
    await writeFile(
      join(dir, 'HttpProxy', 'Owa', `HttpProxy_20240304${two(file)}-1.LOG`),
      proxyHeader,
      (i) => proxyLine(file, i),
      false,
    );
  }
}
process.stdout.write(`${files} files of ${fileBytes} bytes in ${dir}\n`);
