// A focused structural validator for SARIF 2.1.0 (OASIS Standard, errata 01), written from the spec's
// schema rules for the objects telltale emits: required properties, enums, no unknown properties
// (the schema sets additionalProperties: false), ruleIndex/ruleId agreement (§3.27.6) and kind/level (§3.27.10).

type Json = unknown;

const allowed: Readonly<Record<string, readonly string[]>> = {
  sarifLog: ['$schema', 'version', 'runs', 'inlineExternalProperties', 'properties'],
  run: [
    'tool',
    'invocations',
    'conversion',
    'language',
    'versionControlProvenance',
    'originalUriBaseIds',
    'artifacts',
    'logicalLocations',
    'graphs',
    'results',
    'automationDetails',
    'runAggregates',
    'baselineGuid',
    'redactionTokens',
    'defaultEncoding',
    'defaultSourceLanguage',
    'newlineSequences',
    'columnKind',
    'externalPropertyFileReferences',
    'threadFlowLocations',
    'taxonomies',
    'addresses',
    'translations',
    'policies',
    'webRequests',
    'webResponses',
    'specialLocations',
    'properties',
  ],
  tool: ['driver', 'extensions', 'properties'],
  toolComponent: [
    'guid',
    'name',
    'organization',
    'product',
    'productSuite',
    'shortDescription',
    'fullDescription',
    'fullName',
    'version',
    'semanticVersion',
    'dottedQuadFileVersion',
    'releaseDateUtc',
    'downloadUri',
    'informationUri',
    'globalMessageStrings',
    'notifications',
    'rules',
    'taxa',
    'locations',
    'language',
    'contents',
    'isComprehensive',
    'localizedDataSemanticVersion',
    'minimumRequiredLocalizedDataSemanticVersion',
    'associatedComponent',
    'translationMetadata',
    'supportedTaxonomies',
    'properties',
  ],
  reportingDescriptor: [
    'id',
    'deprecatedIds',
    'guid',
    'deprecatedGuids',
    'name',
    'deprecatedNames',
    'shortDescription',
    'fullDescription',
    'messageStrings',
    'defaultConfiguration',
    'helpUri',
    'help',
    'relationships',
    'properties',
  ],
  reportingConfiguration: ['enabled', 'level', 'rank', 'parameters', 'properties'],
  multiformatMessageString: ['text', 'markdown', 'properties'],
  message: ['text', 'markdown', 'id', 'arguments', 'properties'],
  result: [
    'ruleId',
    'ruleIndex',
    'rule',
    'kind',
    'level',
    'message',
    'analysisTarget',
    'locations',
    'guid',
    'correlationGuid',
    'occurrenceCount',
    'partialFingerprints',
    'fingerprints',
    'stacks',
    'codeFlows',
    'graphs',
    'graphTraversals',
    'relatedLocations',
    'suppressions',
    'baselineState',
    'rank',
    'attachments',
    'hostedViewerUri',
    'workItemUris',
    'provenance',
    'fixes',
    'taxa',
    'webRequest',
    'webResponse',
    'properties',
  ],
  location: [
    'id',
    'physicalLocation',
    'logicalLocations',
    'message',
    'annotations',
    'relationships',
    'properties',
  ],
  logicalLocation: [
    'name',
    'index',
    'fullyQualifiedName',
    'decoratedName',
    'parentIndex',
    'kind',
    'properties',
  ],
  invocation: [
    'commandLine',
    'arguments',
    'responseFiles',
    'startTimeUtc',
    'endTimeUtc',
    'exitCode',
    'ruleConfigurationOverrides',
    'notificationConfigurationOverrides',
    'toolExecutionNotifications',
    'toolConfigurationNotifications',
    'exitCodeDescription',
    'exitSignalName',
    'exitSignalNumber',
    'processStartFailureMessage',
    'executionSuccessful',
    'machine',
    'account',
    'processId',
    'executableLocation',
    'workingDirectory',
    'environmentVariables',
    'stdin',
    'stdout',
    'stderr',
    'stdoutStderr',
    'properties',
  ],
  runAutomationDetails: ['description', 'id', 'guid', 'correlationGuid', 'properties'],
};

const levels = ['none', 'note', 'warning', 'error'];
const kinds = ['notApplicable', 'pass', 'fail', 'review', 'open', 'informational'];
const columnKinds = ['utf16CodeUnits', 'unicodeCodePoints'];
const dateTime = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;

function isObject(value: Json): value is Record<string, Json> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

class Checker {
  readonly errors: string[] = [];
  fail(path: string, problem: string): void {
    this.errors.push(`${path}: ${problem}`);
  }
  object(
    value: Json,
    path: string,
    kind: string,
    required: readonly string[] = [],
  ): value is Record<string, Json> {
    if (!isObject(value)) {
      this.fail(path, `expected a ${kind} object`);
      return false;
    }
    for (const key of Object.keys(value))
      if (!(allowed[kind] ?? []).includes(key)) this.fail(`${path}.${key}`, `not a property of ${kind}`);
    for (const key of required) if (!(key in value)) this.fail(path, `${kind} requires '${key}'`);
    if ('properties' in value && !isObject(value.properties))
      this.fail(`${path}.properties`, 'must be an object');
    return true;
  }
  string(value: Json, path: string): void {
    if (typeof value !== 'string') this.fail(path, 'expected a string');
  }
  nonEmptyText(value: Json, path: string, kind: 'message' | 'multiformatMessageString'): void {
    if (!this.object(value, path, kind)) return;
    if (kind === 'multiformatMessageString' && !('text' in value)) this.fail(path, "requires 'text'");
    if (kind === 'message' && !('text' in value) && !('id' in value))
      this.fail(path, "message requires 'text' or 'id'");
    if ('text' in value) this.string(value.text, `${path}.text`);
  }
}

function checkRule(c: Checker, rule: Json, path: string): string | undefined {
  if (!c.object(rule, path, 'reportingDescriptor', ['id'])) return undefined;
  c.string(rule.id, `${path}.id`);
  for (const key of ['shortDescription', 'fullDescription', 'help'] as const)
    if (key in rule) c.nonEmptyText(rule[key], `${path}.${key}`, 'multiformatMessageString');
  if ('helpUri' in rule && (typeof rule.helpUri !== 'string' || !URL.canParse(rule.helpUri)))
    c.fail(`${path}.helpUri`, 'must be a URI');
  if (
    'defaultConfiguration' in rule &&
    c.object(rule.defaultConfiguration, `${path}.defaultConfiguration`, 'reportingConfiguration')
  ) {
    const level = rule.defaultConfiguration.level;
    if (level !== undefined && !levels.includes(String(level)))
      c.fail(`${path}.defaultConfiguration.level`, `bad level ${String(level)}`);
  }
  return typeof rule.id === 'string' ? rule.id : undefined;
}

function checkResult(c: Checker, result: Json, path: string, ruleIds: readonly (string | undefined)[]): void {
  if (!c.object(result, path, 'result', ['message'])) return;
  c.nonEmptyText(result.message, `${path}.message`, 'message');
  if ('ruleIndex' in result) {
    const index = result.ruleIndex;
    if (typeof index !== 'number' || !Number.isInteger(index) || index < -1)
      c.fail(`${path}.ruleIndex`, 'must be an integer ≥ -1');
    else if (index >= 0 && ruleIds[index] !== result.ruleId)
      c.fail(`${path}.ruleIndex`, `points at ${String(ruleIds[index])}, ruleId is ${String(result.ruleId)}`);
  }
  const kind = result.kind ?? 'fail';
  const level = result.level ?? (kind === 'fail' ? 'warning' : 'none');
  if (!kinds.includes(String(kind))) c.fail(`${path}.kind`, `bad kind ${String(kind)}`);
  if (!levels.includes(String(level))) c.fail(`${path}.level`, `bad level ${String(level)}`);
  if (kind !== 'fail' && level !== 'none')
    c.fail(path, `kind ${String(kind)} requires level none (§3.27.10)`);
  if ('locations' in result) {
    if (!Array.isArray(result.locations)) c.fail(`${path}.locations`, 'must be an array');
    else
      result.locations.forEach((location, i) => {
        const at = `${path}.locations[${i}]`;
        if (!c.object(location, at, 'location')) return;
        if ('logicalLocations' in location && Array.isArray(location.logicalLocations))
          for (const [j, logical] of location.logicalLocations.entries())
            c.object(logical, `${at}.logicalLocations[${j}]`, 'logicalLocation');
      });
  }
  for (const key of ['partialFingerprints', 'fingerprints'] as const) {
    if (!(key in result)) continue;
    const prints = result[key];
    if (!isObject(prints)) c.fail(`${path}.${key}`, 'must be an object');
    else for (const [name, value] of Object.entries(prints)) c.string(value, `${path}.${key}.${name}`);
  }
}

/** Every problem found, as `path: problem`; empty when the log is valid. */
export function validateSarif(log: Json): string[] {
  const c = new Checker();
  if (!c.object(log, '$', 'sarifLog', ['version', 'runs'])) return c.errors;
  if (log.version !== '2.1.0') c.fail('$.version', 'must be "2.1.0"');
  if (!Array.isArray(log.runs)) {
    c.fail('$.runs', 'must be an array');
    return c.errors;
  }
  log.runs.forEach((run, r) => {
    const path = `$.runs[${r}]`;
    if (!c.object(run, path, 'run', ['tool'])) return;
    let ruleIds: (string | undefined)[] = [];
    if (
      c.object(run.tool, `${path}.tool`, 'tool', ['driver']) &&
      c.object(run.tool.driver, `${path}.tool.driver`, 'toolComponent', ['name'])
    ) {
      const driver = run.tool.driver;
      c.string(driver.name, `${path}.tool.driver.name`);
      if ('rules' in driver) {
        if (!Array.isArray(driver.rules)) c.fail(`${path}.tool.driver.rules`, 'must be an array');
        else ruleIds = driver.rules.map((rule, i) => checkRule(c, rule, `${path}.tool.driver.rules[${i}]`));
        if (new Set(ruleIds).size !== ruleIds.length)
          c.fail(`${path}.tool.driver.rules`, 'rule ids must be unique');
      }
    }
    if ('invocations' in run && Array.isArray(run.invocations))
      run.invocations.forEach((invocation, i) => {
        const at = `${path}.invocations[${i}]`;
        if (!c.object(invocation, at, 'invocation', ['executionSuccessful'])) return;
        if (typeof invocation.executionSuccessful !== 'boolean')
          c.fail(`${at}.executionSuccessful`, 'must be boolean');
        for (const key of ['startTimeUtc', 'endTimeUtc'] as const)
          if (key in invocation && !dateTime.test(String(invocation[key])))
            c.fail(`${at}.${key}`, 'must be a date-time');
      });
    if ('automationDetails' in run)
      c.object(run.automationDetails, `${path}.automationDetails`, 'runAutomationDetails');
    if ('columnKind' in run && !columnKinds.includes(String(run.columnKind)))
      c.fail(`${path}.columnKind`, 'bad columnKind');
    if ('results' in run) {
      if (!Array.isArray(run.results)) c.fail(`${path}.results`, 'must be an array');
      else
        for (const [i, result] of run.results.entries())
          checkResult(c, result, `${path}.results[${i}]`, ruleIds);
    }
  });
  return c.errors;
}
