using System.Collections.Concurrent;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json;
using CertMesh.Acme;
using CertMesh.Acme.Accounts;
using CertMesh.Acme.Challenges;
using CertMesh.Acme.Http;
using CertMesh.Acme.Jws;
using CertMesh.Acme.Orders;
using CertMesh.Contracts;
using CertMesh.Contracts.Acme;
using CertMesh.Domain.Resources;
using CertMesh.Persistence.Challenges;

namespace CertMesh.ChallengeSolver.Tests.Support;

/// <summary>
/// The real Pebble of deploy/local/infra-up.sh with a fresh ACME account whose key is stored as the Secret the solver
/// reads, a scratch database, and two stand-ins for the Edge serving the token table: one on Pebble's HTTP-01 port
/// (what the CA validates against; it can be told to answer wrongly for a token) and one on a free port that the
/// solver's self-check is pointed at (CERTMESH_HTTP01_SELF_CHECK_CONNECT; it can be told to hold a token back).
/// Unreachable servers fail the tests with a message naming the script: nothing is skipped.
/// </summary>
public sealed class PebbleStack : IAsyncLifetime
{
    const string Hint = "Start the local servers with deploy/local/infra-up.sh (then source deploy/local/.state/env).";
    public const string AccountSecretName = "pebble-account";

    HttpClient _http = null!;
    AccountKey _key = null!;
    TokenResponder _validatorEdge = null!;
    TokenResponder _selfCheckEdge = null!;
    readonly List<SolverDatabase> _databases = [];

    public Uri Directory { get; } = new(Env("PEBBLE_DIRECTORY", "https://127.0.0.1:14000/dir"));
    public string CaFile { get; } = Env("PEBBLE_CA_CERT", Path.Combine(TestEnvironment.RepositoryRoot, "deploy/local/.state/pebble/ca.pem"));
    public int Http01Port { get; } = int.Parse(Env("EDGE_HTTP_PORT", "5002"), System.Globalization.CultureInfo.InvariantCulture);
    public SolverDatabase Db { get; private set; } = null!;
    public AcmeClient Client { get; private set; } = null!;

    /// <summary>Tokens the CA-facing edge answers wrongly (so the CA finds the authorization invalid).</summary>
    public ConcurrentDictionary<string, bool> Sabotaged { get; } = new();

    /// <summary>Tokens the self-check edge answers 404 for, as if the token had not reached the edge yet.</summary>
    public ConcurrentDictionary<string, bool> NotYetPropagated { get; } = new();

    public IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["CERTMESH_ACME_CA_FILE"] = CaFile,
        ["CERTMESH_HTTP01_SELF_CHECK_CONNECT"] = $"127.0.0.1:{_selfCheckEdge.Port}",
    };

    public async Task InitializeAsync()
    {
        if (!File.Exists(CaFile))
            throw new InvalidOperationException($"Pebble's TLS CA file {CaFile} (PEBBLE_CA_CERT) does not exist. {Hint}");
        var roots = new X509Certificate2Collection();
        roots.ImportFromPemFile(CaFile);
        _http = new HttpClient(AcmeHttpHandlers.TrustingRoots(roots)) { Timeout = TimeSpan.FromSeconds(30) };
        _key = AccountKey.Create();
        Client = new AcmeClient(_http, Directory, _key);
        try
        {
            await Client.CreateAccountAsync(new NewAccountRequest { TermsOfServiceAgreed = true, Contact = ["mailto:solver-tests@certmesh.test"] });
        }
        catch (HttpRequestException exception)
        {
            throw new InvalidOperationException($"Pebble ({Directory}) is unreachable: {exception.Message}. {Hint}", exception);
        }

        Db = await CreateDatabaseAsync();

        _selfCheckEdge = await TokenResponder.StartAsync(0, async (_, token) =>
            NotYetPropagated.ContainsKey(token) ? (404, "not found") : await FromTableAsync(token));
        // Pebble's HTTP-01 port is shared with the other suites on this machine: wait for it rather than fail at once.
        _validatorEdge = await TokenResponder.StartAsync(Http01Port, async (_, token) =>
            Sabotaged.ContainsKey(token) ? (200, "sabotaged-" + token) : await FromTableAsync(token), waitForPort: TimeSpan.FromSeconds(60));
    }

    /// <summary>Another scratch database holding the account's key, whose tokens the edges serve too; dropped with the stack.</summary>
    public async Task<SolverDatabase> CreateDatabaseAsync()
    {
        var db = await SolverDatabase.CreateAsync();
        await using (var unit = await db.Database.BeginAsync(CancellationToken.None))
        {
            await unit.Secrets.PutAsync(new Secret
            {
                Metadata = new ObjectMeta { Namespace = "default", Name = AccountSecretName },
                Type = SecretTypes.Opaque,
                Data = new Dictionary<string, byte[]> { [SecretKeys.TlsKey] = Encoding.UTF8.GetBytes(_key.ExportPkcs8Pem()) },
            }, null, CancellationToken.None);
            await unit.CommitAsync(CancellationToken.None);
        }
        lock (_databases)
            _databases.Add(db);
        return db;
    }

    async Task<(int, string)> FromTableAsync(string token)
    {
        SolverDatabase[] databases;
        lock (_databases)
            databases = [.. _databases];
        foreach (var db in databases)
        {
            if (await Http01TokenStore.FindAsync(db.DataSource, token, CancellationToken.None) is { } body)
                return (200, body);
        }
        return (404, "not found");
    }

    /// <summary>A new order for a name no earlier run used, and the SolveChallenge AcmeOrder would send for its HTTP-01 challenge.</summary>
    public async Task<SolveChallenge> NewChallengeAsync(string challengeName)
    {
        var dnsName = $"{challengeName}-{Guid.NewGuid():N}"[..(challengeName.Length + 13)] + ".certmesh.test";
        var order = await Client.NewOrderAsync(new NewOrderRequest { Identifiers = [AcmeIdentifier.Dns(dnsName)] });
        var authorization = (await Client.GetAuthorizationsAsync(order)).Single();
        var challenge = authorization.Challenge(ChallengeTypes.Http01)!;
        return new SolveChallenge
        {
            OrderId = Guid.NewGuid(),
            Namespace = "default",
            OrderName = challengeName + "-order",
            ChallengeName = challengeName,
            IssuerRef = new IssuerReference { Name = "pebble", Kind = ResourceKinds.Issuer },
            DnsName = dnsName,
            Type = ChallengeTypes.Http01,
            Token = challenge.Token,
            Key = Client.KeyAuthorizationFor(challenge),
            ChallengeUrl = challenge.Url.ToString(),
            AuthorizationUrl = authorization.Location.ToString(),
            SolverJson = """{"http01":{"ingress":{}}}""",
            AcmeServer = Directory.ToString(),
            AccountUrl = Client.AccountUrl!.ToString(),
            AccountKeySecretNamespace = "default",
            AccountKeySecretName = AccountSecretName,
        };
    }

    /// <summary>
    /// A new order for <paramref name="dnsName"/> (under the local BIND's zone, which Pebble resolves through) and, when
    /// asked, its wildcard; the SolveChallenge AcmeOrder would send for each DNS-01 challenge, apex first, with
    /// cert-manager's DNS-01 key: the TXT value, base64url SHA-256 of the key authorization.
    /// </summary>
    public async Task<IReadOnlyList<SolveChallenge>> NewDns01ChallengesAsync(string challengeName, string dnsName, bool withWildcard = false)
    {
        AcmeIdentifier[] identifiers = withWildcard ? [AcmeIdentifier.Dns(dnsName), AcmeIdentifier.Dns("*." + dnsName)] : [AcmeIdentifier.Dns(dnsName)];
        var order = await Client.NewOrderAsync(new NewOrderRequest { Identifiers = identifiers });
        var orderId = Guid.NewGuid();
        return (await Client.GetAuthorizationsAsync(order)).OrderBy(a => a.Wildcard).Select(authorization =>
        {
            var challenge = authorization.Challenge(ChallengeTypes.Dns01)!;
            return new SolveChallenge
            {
                OrderId = orderId,
                Namespace = "default",
                OrderName = challengeName + "-order",
                ChallengeName = authorization.Wildcard ? challengeName + "-wildcard" : challengeName,
                IssuerRef = new IssuerReference { Name = "pebble", Kind = ResourceKinds.Issuer },
                DnsName = authorization.Identifier.Value,
                Wildcard = authorization.Wildcard,
                Type = ChallengeTypes.Dns01,
                Token = challenge.Token,
                Key = KeyAuthorization.Dns01TxtValue(challenge.Token, _key),
                ChallengeUrl = challenge.Url.ToString(),
                AuthorizationUrl = authorization.Location.ToString(),
                SolverJson = JsonSerializer.Serialize(new
                {
                    dns01 = new
                    {
                        rfc2136 = new
                        {
                            nameserver = BindServer.EndPoint.ToString(),
                            tsigKeyName = "certmesh-key",
                            tsigAlgorithm = "HMACSHA256",
                            tsigSecretSecretRef = new { name = "tsig", key = "secret" },
                        },
                    },
                }),
                AcmeServer = Directory.ToString(),
                AccountUrl = Client.AccountUrl!.ToString(),
                AccountKeySecretNamespace = "default",
                AccountKeySecretName = AccountSecretName,
            };
        }).ToList();
    }

    public async Task DisposeAsync()
    {
        if (_validatorEdge is not null)
            await _validatorEdge.DisposeAsync();
        if (_selfCheckEdge is not null)
            await _selfCheckEdge.DisposeAsync();
        foreach (var db in _databases)
            await db.DisposeAsync();
        _http?.Dispose();
        _key?.Dispose();
    }

    static string Env(string name, string fallback) =>
        Environment.GetEnvironmentVariable(name) is { Length: > 0 } value ? value : fallback;
}
