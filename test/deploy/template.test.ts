import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { contractRoutes } from '@drama/shared/routes';
import { rootDir, stackSettings } from '../../functions/local/settings';
import { apiEnvironment } from '../../functions/local/stack';
import { ensureSandboxIdentity } from '../../functions/sandbox/keys';
import { secretNames, secretSpecs, type SecretName } from '../../functions/src/lib/secrets';
import { coldStart, coldStarts } from './cold-start';
import { packageTemplate, type CloudFormationTemplate } from './package';

/**
 * What `osls package --stage prod` produces is what would be deployed: every handler declared, every
 * contract route served by the function the table names, one least-privilege role per function, the
 * table, bucket, secrets and the SageMaker endpoint. Packaging needs no AWS account.
 */
let template: CloudFormationTemplate;
let packaged: string;
let cleanup = () => undefined as void;
beforeAll(async () => {
  ({ template, dir: packaged, cleanup } = await packageTemplate());
}, 300_000);
afterAll(() => cleanup());

type Resource = CloudFormationTemplate['Resources'][string];
const resources = (type: string) => Object.entries(template.Resources).filter(([, r]) => r.Type === type) as Array<[string, Resource]>;
const handlersDir = join(rootDir, 'functions', 'src', 'handlers');
const handlerFiles = readdirSync(handlersDir).filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts')).map((f) => f.replace(/\.ts$/, ''));
/** serverless' logical id of a function: `getSeries` → `GetSeriesLambdaFunction`. */
const logicalId = (fn: string) => `${fn[0].toUpperCase()}${fn.slice(1).replace(/-/g, 'Dash').replace(/_/g, 'Underscore')}LambdaFunction`;
const asList = <T>(v: T | T[] | undefined): T[] => (v === undefined ? [] : Array.isArray(v) ? v : [v]);

interface Statement {
  Effect: string;
  Action: string | string[];
  Resource: unknown;
}
function statementsOf(role: Resource): Statement[] {
  return asList(role.Properties?.Policies as Array<{ PolicyDocument: { Statement: Statement[] } }>).flatMap((p) => asList(p.PolicyDocument.Statement));
}
/** The role each function runs with, by the function's logical id. */
function roleOf(fnId: string): [string, Resource] {
  const ref = template.Resources[fnId].Properties!.Role as { 'Fn::GetAtt': [string, string] };
  const id = ref['Fn::GetAtt'][0];
  return [id, template.Resources[id]];
}
const actionsOf = (role: Resource) => new Set(statementsOf(role).flatMap((s) => asList(s.Action)));

describe('the deployable template', () => {
  it('declares a function for every handler file, and no function without one', () => {
    const declared = resources('AWS::Lambda::Function').map(([, r]) => /^functions\/dist\/handlers\/([\w-]+)\.handler$/.exec(r.Properties!.Handler)?.[1]);
    expect(declared).not.toContain(undefined);
    expect(new Set(declared)).toEqual(new Set(handlerFiles));
  });

  it('serves every route of the contract table with the function the table names, and no route outside it', () => {
    const routes = new Map<string, string>();
    for (const [, route] of resources('AWS::ApiGatewayV2::Route')) {
      const integrationId = route.Properties!.Target['Fn::Join'][1][1].Ref as string;
      routes.set(route.Properties!.RouteKey, template.Resources[integrationId].Properties!.IntegrationUri['Fn::GetAtt'][0]);
    }
    const missing = contractRoutes.filter((r) => routes.get(`${r.method} ${r.path}`) !== logicalId(r.function)).map((r) => `${r.method} ${r.path} → ${r.function} (template: ${routes.get(`${r.method} ${r.path}`)})`);
    expect(missing).toEqual([]);
    const unlisted = [...routes.keys()].filter((key) => !contractRoutes.some((r) => `${r.method} ${r.path}` === key));
    expect(unlisted).toEqual([]);
    // The table names each handler file it routes to.
    for (const r of contractRoutes) expect(handlerFiles).toContain(r.handler);
  });

  it('reaches every function by a route, a schedule, or an invocation another function may make', () => {
    const invoked = new Set<string>();
    for (const [, route] of resources('AWS::ApiGatewayV2::Integration')) invoked.add(route.Properties!.IntegrationUri['Fn::GetAtt'][0]);
    for (const [, rule] of resources('AWS::Events::Rule')) for (const t of rule.Properties!.Targets) invoked.add(t.Arn['Fn::GetAtt'][0]);
    for (const [, role] of resources('AWS::IAM::Role'))
      for (const s of statementsOf(role)) if (asList(s.Action).includes('lambda:InvokeFunction')) for (const r of asList(s.Resource as { 'Fn::GetAtt': string[] })) invoked.add(r['Fn::GetAtt'][0]);
    const unreachable = resources('AWS::Lambda::Function').map(([id]) => id).filter((id) => !invoked.has(id));
    expect(unreachable).toEqual([]);
  });

  it('never retries the scene batch: a late batch is for a step the viewer has left', () => {
    const configs = resources('AWS::Lambda::EventInvokeConfig').filter(([, r]) => JSON.stringify(r.Properties!.FunctionName).includes('PrecomputeSceneLambdaFunction'));
    expect(configs).toHaveLength(1);
    expect(configs[0][1].Properties).toMatchObject({ MaximumRetryAttempts: 0, MaximumEventAgeInSeconds: 60 });
  });

  it('gives every function its own role, and no IAM statement a wildcard action or an unscoped resource', () => {
    const functions = resources('AWS::Lambda::Function');
    const roleIds = functions.map(([id]) => roleOf(id)[0]);
    expect(new Set(roleIds).size).toBe(functions.length);
    expect(roleIds).not.toContain('IamRoleLambdaExecution');

    // Resource "*" only for actions AWS cannot scope (documented as resource-less).
    const unscopable = new Set(['ecr:GetAuthorizationToken']);
    const findings: string[] = [];
    for (const [id, role] of [...resources('AWS::IAM::Role'), ...resources('AWS::IAM::Policy'), ...resources('AWS::IAM::ManagedPolicy')]) {
      expect(asList(role.Properties?.ManagedPolicyArns)).toEqual([]);
      const statements = role.Type === 'AWS::IAM::Role' ? statementsOf(role) : asList(role.Properties!.PolicyDocument.Statement as Statement[]);
      for (const s of statements) {
        for (const action of asList(s.Action)) if (action.includes('*')) findings.push(`${id}: action ${action}`);
        for (const resource of asList(s.Resource)) {
          if (resource === '*' && !asList(s.Action).every((a) => unscopable.has(a))) findings.push(`${id}: resource * for ${asList(s.Action).join(',')}`);
          if (typeof resource === 'string' && /:\*$/.test(resource) && !resource.includes('log-group')) findings.push(`${id}: resource ${resource}`);
        }
        if (s.Effect === 'Allow' && 'NotAction' in s) findings.push(`${id}: NotAction`);
      }
    }
    expect(findings).toEqual([]);
  });

  it('lets only the functions that need it write objects, call the model, or delete items', () => {
    const byFunction = new Map(resources('AWS::Lambda::Function').map(([id, fn]) => [id, { handler: /handlers\/([\w-]+)\./.exec(fn.Properties!.Handler)![1], actions: actionsOf(roleOf(id)[1]) }]));
    const source = (handler: string) => readFileSync(join(handlersDir, `${handler}.ts`), 'utf8');
    for (const [id, { handler, actions }] of byFunction) {
      // Presigned PUTs are signed with the role: only the upload handlers (given the upload ports)
      // sign them, and only the episode ingest writes objects itself (its outputs beside the upload:
      // the burned file, the preview, the marked HLS variants).
      expect([id, actions.has('s3:PutObject')]).toEqual([id, /\buploadPorts\b|\b[iI]ngestPorts\b/.test(source(handler))]);
      // The GPU endpoint: only the scene functions that hand the scene ports to a domain operation
      // (reading a stored scene, `scenePorts.scenes`, needs no model).
      expect([id, actions.has('sagemaker:InvokeEndpoint')]).toEqual([id, /[(,]\s*scenePorts\s*[),]/.test(source(handler))]);
      // Nothing beyond logs, the table, the bucket, the model and the precompute function.
      for (const a of actions) expect(a).toMatch(/^(logs|dynamodb|s3|sagemaker|lambda):/);
    }
    const writers = [...byFunction.values()].filter((f) => f.actions.has('dynamodb:PutItem')).length;
    expect(writers).toBeLessThan(byFunction.size);
    const deleters = [...byFunction.values()].filter((f) => f.actions.has('dynamodb:DeleteItem')).map((f) => f.handler);
    expect(deleters.length).toBeLessThan(10);
  });

  it('keeps the table with the indexes the code queries, point-in-time recovery on and TTL on expiresAtS', () => {
    const [[, table]] = resources('AWS::DynamoDB::Table');
    expect(table.Properties!.PointInTimeRecoverySpecification).toEqual({ PointInTimeRecoveryEnabled: true });
    expect(table.Properties!.TimeToLiveSpecification).toEqual({ AttributeName: 'expiresAtS', Enabled: true });
    expect(table.Properties!.BillingMode).toBe('PAY_PER_REQUEST');
    expect(table).toMatchObject({ DeletionPolicy: 'Retain', UpdateReplacePolicy: 'Retain' });
    const declared = new Set(asList(table.Properties!.GlobalSecondaryIndexes as Array<{ IndexName: string }>).map((i) => i.IndexName));
    const used = new Set<string>();
    const walk = (dir: string) => {
      for (const entry of readdirSync(dir, { withFileTypes: true })) {
        if (entry.isDirectory()) walk(join(dir, entry.name));
        else if (entry.name.endsWith('.ts')) for (const m of readFileSync(join(dir, entry.name), 'utf8').matchAll(/IndexName:\s*'([\w-]+)'/g)) used.add(m[1]);
      }
    };
    walk(join(rootDir, 'functions', 'src'));
    expect(used.size).toBeGreaterThan(0);
    for (const index of used) expect(declared).toContain(index);
  });

  it('keeps the media bucket private (covers excepted) with CORS for the app\'s origins only', () => {
    const [, bucket] = resources('AWS::S3::Bucket').find(([id]) => id === 'MediaBucket')!;
    expect(bucket).toMatchObject({ DeletionPolicy: 'Retain' });
    expect(bucket.Properties!.PublicAccessBlockConfiguration).toMatchObject({ BlockPublicAcls: true, IgnorePublicAcls: true });
    const rules = bucket.Properties!.CorsConfiguration.CorsRules as Array<{ AllowedMethods: string[]; AllowedOrigins: unknown }>;
    expect(rules.flatMap((r) => r.AllowedMethods)).toEqual(expect.arrayContaining(['GET', 'PUT']));
    // Origins are the stage's list (a comma-separated setting CloudFormation splits): named https origins, never '*'.
    const origins = rules.flatMap((r) => {
      const split = (r.AllowedOrigins as { 'Fn::Split'?: [string, string] })['Fn::Split'];
      return split ? split[1].split(split[0]) : (r.AllowedOrigins as string[]);
    });
    expect(origins.length).toBeGreaterThan(0);
    for (const origin of origins) expect(origin).toMatch(/^https:\/\/[a-z0-9.-]+$/);
    const [, policy] = resources('AWS::S3::BucketPolicy').find(([, p]) => p.Properties!.Bucket?.Ref === 'MediaBucket')!;
    for (const s of policy.Properties!.PolicyDocument.Statement) {
      if (s.Principal === '*' && s.Effect === 'Allow') {
        expect(s.Action).toBe('s3:GetObject');
        expect(JSON.stringify(s.Resource)).toContain('/covers/*');
      }
    }
  });

  it('has no circular dependency between resources (CloudFormation refuses to create one)', () => {
    const edges = new Map<string, Set<string>>();
    const refs = (value: unknown, out: Set<string>) => {
      if (Array.isArray(value)) value.forEach((v) => refs(v, out));
      else if (value && typeof value === 'object') {
        for (const [key, v] of Object.entries(value)) {
          if (key === 'Ref' && typeof v === 'string' && template.Resources[v]) out.add(v);
          else if (key === 'Fn::GetAtt') out.add(Array.isArray(v) ? v[0] : String(v).split('.')[0]);
          else if (key === 'Fn::Sub' && typeof v === 'string') for (const m of v.matchAll(/\$\{(\w+)/g)) if (template.Resources[m[1]]) out.add(m[1]);
          else refs(v, out);
        }
      }
    };
    for (const [id, r] of Object.entries(template.Resources)) {
      const out = new Set<string>(asList(r.DependsOn as string | string[] | undefined));
      refs(r.Properties, out);
      edges.set(id, out);
    }
    const state = new Map<string, 'open' | 'done'>();
    const cycle: string[] = [];
    const visit = (id: string, path: string[]): boolean => {
      if (state.get(id) === 'done') return false;
      if (state.get(id) === 'open') return cycle.push(...path, id), true;
      state.set(id, 'open');
      for (const next of edges.get(id) ?? []) if (visit(next, [...path, id])) return true;
      state.set(id, 'done');
      return false;
    };
    for (const id of edges.keys()) if (visit(id, [])) break;
    expect(cycle).toEqual([]);
  });

  it('tells the platforms to notify the deployed API itself', () => {
    for (const [id, fn] of resources('AWS::Lambda::Function')) {
      expect([id, fn.Properties!.Environment.Variables.API_PUBLIC_URL]).toEqual([id, { 'Fn::GetAtt': ['HttpApi', 'ApiEndpoint'] }]);
      expect([id, fn.Properties!.Environment.Variables.PLATFORM_MODE]).toEqual([id, 'live']);
    }
  });

  it('takes every secret from SSM, never from the template', () => {
    const secretName = /SECRET|PRIVATE_KEY|APP_KEY|_TOKEN$|AES_KEY|MERCHANT|SECURITY_KEY/;
    const findings: string[] = [];
    for (const [id, fn] of resources('AWS::Lambda::Function')) {
      for (const [name, value] of Object.entries(fn.Properties!.Environment.Variables as Record<string, unknown>)) {
        const spec = secretSpecs[name as SecretName];
        if (spec ? value !== `{{resolve:ssm:/drama/prod/${spec.ssm}}}` : secretName.test(name)) findings.push(`${id} ${name}`);
      }
    }
    expect(findings).toEqual([]);
  });

  describe('secrets per function', () => {
    /** Well-formed stand-ins for the SSM values: the sandbox platform's generated identity. */
    let samples: Record<SecretName, string>, sandboxDir: string;
    beforeAll(() => {
      sandboxDir = mkdtempSync(join(tmpdir(), 'drama-deploy-secrets-'));
      const env = apiEnvironment(stackSettings({ dataDir: sandboxDir }), ensureSandboxIdentity(sandboxDir));
      samples = Object.fromEntries(secretNames.map((n) => [n, env[n]])) as Record<SecretName, string>;
    });
    afterAll(() => rmSync(sandboxDir, { recursive: true, force: true }));

    const isSecret = (name: string): name is SecretName => (secretNames as string[]).includes(name);
    const functions = () =>
      resources('AWS::Lambda::Function').map(([id, fn]) => {
        const variables = fn.Properties!.Environment.Variables as Record<string, unknown>;
        return { id, bundle: join(packaged, fn.Properties!.Handler.replace(/\.handler$/, '.mjs')), given: Object.keys(variables).filter(isSecret).sort(), variables };
      });
    /** The function's deployed environment, its SSM references resolved to well-formed values (as CloudFormation would). */
    const environmentOf = (variables: Record<string, unknown>, override: Partial<Record<SecretName, string>> = {}) => ({
      ...Object.fromEntries(Object.entries(variables).map(([name, value]) => [name, isSecret(name) ? samples[name] : typeof value === 'string' ? value : 'https://api.example.com'])),
      ...override,
    });

    it('gives every function exactly the secrets its code reads when it cold-starts', async () => {
      const all = functions();
      expect(all.length).toBeGreaterThan(30);
      const started = await coldStarts(all, (f) => coldStart(f.bundle, environmentOf(f.variables)));
      const findings: string[] = [];
      all.forEach((f, i) => {
        if (!started[i].ok) return findings.push(`${f.id} does not start: ${started[i].error}`);
        const reads = started[i].read.filter(isSecret);
        const unread = f.given.filter((n) => !reads.includes(n));
        const missing = reads.filter((n) => !f.given.includes(n));
        if (unread.length) findings.push(`${f.id} is given ${unread.join(', ')} but never reads it: drop it from its environment`);
        if (missing.length) findings.push(`${f.id} reads ${missing.join(', ')} but is not given it: add \${self:custom.secrets.<NAME>} to its environment`);
      });
      expect(findings).toEqual([]);
      // Least privilege holds: no function holds every secret, and the platform keys sit with few.
      expect(all.every((f) => f.given.length < secretNames.length)).toBe(true);
      expect(all.filter((f) => f.given.includes('WECHAT_ENCODING_AES_KEY')).map((f) => f.id)).toEqual(['WechatNotifyLambdaFunction']);
      expect(all.filter((f) => f.given.includes('DOUYIN_PLATFORM_PUBLIC_KEY')).map((f) => f.id)).toEqual(['DouyinNotifyLambdaFunction', 'DouyinPlayletNotifyLambdaFunction']);
    }, 240_000);

    it('stops a function at its cold start, naming the secret, when one it reads is missing or malformed', async () => {
      // For every secret, a function that reads it starts with it emptied; the push secrets also
      // malformed (each form is unit-tested in functions/src/lib/secrets.test.ts).
      const cases = secretNames.flatMap((name) => {
        const f = functions().find((fn) => fn.given.includes(name));
        if (!f) return [];
        return [{ name, f, value: '' }, ...(name === 'WECHAT_TOKEN' || name === 'WECHAT_ENCODING_AES_KEY' ? [{ name, f, value: 'not a token nor 43 base64 characters' }] : [])];
      });
      expect(new Set(cases.map((c) => c.name))).toEqual(new Set(secretNames));
      const started = await coldStarts(cases, (c) => coldStart(c.f.bundle, environmentOf(c.f.variables, { [c.name]: c.value })));
      const kept: string[] = [];
      cases.forEach((c, i) => {
        if (started[i].ok || !started[i].error?.includes(c.name)) kept.push(`${c.f.id} with ${c.name}=${JSON.stringify(c.value)}: ${started[i].ok ? 'started' : started[i].error}`);
      });
      expect(kept).toEqual([]);
    }, 240_000);
  });

  it('declares the SageMaker model, endpoint config and endpoint the scene functions call', () => {
    const [[, model]] = resources('AWS::SageMaker::Model');
    const [[configId, config]] = resources('AWS::SageMaker::EndpointConfig');
    const [[, endpoint]] = resources('AWS::SageMaker::Endpoint');
    expect(model.Properties!.PrimaryContainer.Image).toBeDefined();
    expect(config.Properties!.ProductionVariants[0].InstanceType).toMatch(/^ml\.(g|p)\d/);
    expect(endpoint.Properties!.EndpointConfigName['Fn::GetAtt'][0]).toBe(configId);
    const name = endpoint.Properties!.EndpointName as string;
    expect(name).toBe('drama-prod-world');
    const sceneFunctions = resources('AWS::Lambda::Function').filter(([id]) => actionsOf(roleOf(id)[1]).has('sagemaker:InvokeEndpoint'));
    expect(sceneFunctions.length).toBeGreaterThanOrEqual(3);
    for (const [id, fn] of sceneFunctions) {
      expect([id, fn.Properties!.Environment.Variables.INFERENCE_ENDPOINT_NAME]).toEqual([id, name]);
      const statement = statementsOf(roleOf(id)[1]).find((s) => asList(s.Action).includes('sagemaker:InvokeEndpoint'))!;
      expect(JSON.stringify(statement.Resource)).toContain(`:endpoint/","${name}`);
    }
    const [, modelRole] = resources('AWS::IAM::Role').find(([id]) => id === model.Properties!.ExecutionRoleArn['Fn::GetAtt'][0])!;
    expect(modelRole.Properties!.AssumeRolePolicyDocument.Statement[0].Principal.Service).toBe('sagemaker.amazonaws.com');
  });
});
