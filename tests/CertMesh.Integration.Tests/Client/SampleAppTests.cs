using System.Diagnostics;
using System.Net.Security;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json;
using CertMesh.Contracts;
using CertMesh.Integration.Tests.Support;
using Xunit;
using Xunit.Abstractions;

namespace CertMesh.Integration.Tests.Client;

/// <summary>
/// The sample application (deploy/examples/sample-app, CertMesh.Client from the local feed) against the stack: its key
/// never leaves it — not in the Secret, not in any message on the bus during issuance and renewal — and
/// <c>certmesh renew</c> with rotationPolicy Always gets it a new key and serial, served without a failed request.
/// </summary>
[Collection(StackCollection.Name)]
public sealed class SampleAppTests(StackFixture stack, ITestOutputHelper output)
{
    const string Namespace = "it-sample";
    const string User = "it-sample-app";
    const int MinimumRequests = 1_000;

    static Task<string>? _password;

    /// <summary>The application's RabbitMQ user once per run (the script), its principal and binding (edit in the namespace).</summary>
    Task<string> UserAsync() => _password ??= CreateUserAsync();

    async Task<string> CreateUserAsync()
    {
        var (password, yaml) = await AppUsers.CreateAsync(User, Namespace);
        await stack.ApplyAsync(yaml);
        // Trigger's access cache takes up to 2 s to see the new principal and binding.
        await Task.Delay(TimeSpan.FromSeconds(2.5));
        return password;
    }

    async Task<Dictionary<string, string>> SettingsAsync(string certificateName = "checkout") => new()
    {
        ["CertMesh:RabbitMq:Host"] = TestEnvironment.RabbitMq.Host,
        ["CertMesh:RabbitMq:Port"] = TestEnvironment.RabbitMq.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["CertMesh:RabbitMq:VirtualHost"] = AppUsers.VirtualHost,
        ["CertMesh:RabbitMq:Username"] = User,
        ["CertMesh:RabbitMq:Password"] = await UserAsync(),
        ["CertMesh:Certificates:checkout:Namespace"] = Namespace,
        ["CertMesh:Certificates:checkout:Name"] = certificateName,
        ["CertMesh:Certificates:checkout:Spec:SecretName"] = certificateName + "-tls",
        ["CertMesh:Certificates:checkout:Spec:IssuerRef:Name"] = StackFixture.CaIssuer,
        ["CertMesh:Certificates:checkout:Spec:IssuerRef:Kind"] = "ClusterIssuer",
        // A queue per test, deleted after it (AppQueue): a durable queue nobody consumes would collect every run's events.
        ["CertMesh:QueueName"] = QueueName(certificateName),
    };

    static string QueueName(string certificateName) => $"{User}.certmesh-client-{certificateName}";

    [Theory]
    [InlineData("bad-issuer", "CertMesh:Certificates:checkout:Spec:IssuerRef:Name", "no-such-ca", "CertMesh rejected Certificate it-sample/bad-issuer: spec.issuerRef.name: Not found: ClusterIssuer \"no-such-ca\" does not exist")]
    [InlineData("bad-dns", "CertMesh:Certificates:checkout:Spec:DnsNames:1", "bad..name", "CertMesh:Certificates:checkout:Spec:DnsNames:1 (spec.dnsNames[1]): \"bad..name\" is not a valid DNS name")]
    [InlineData("bad-namespace", "CertMesh:Certificates:checkout:Namespace", "Not_A_Namespace", "CertMesh:Certificates:checkout:Namespace: \"Not_A_Namespace\" is not a valid namespace")]
    public async Task SampleApp_BadCertificate_StartupFailsNamingTheField_NothingIssued(string name, string setting, string value, string expected)
    {
        var settings = await SettingsAsync(name);
        settings[setting] = value;
        await using var queue = new AppQueue(QueueName(name));

        await using var app = await SampleAppProcess.StartAsync(stack.LogDirectory, Path.Combine(stack.LogDirectory, "sample-app-store-" + name), settings, "sample-app-" + name);
        var exitCode = await app.WaitForExitAsync(TimeSpan.FromSeconds(60));

        Assert.NotEqual(0, exitCode);
        Assert.Contains(expected, File.ReadAllText(app.LogPath), StringComparison.Ordinal);
        Assert.Equal(0L, await stack.ScalarAsync<long>("SELECT count(*) FROM resources WHERE namespace = @ns AND name = @name", ("ns", Namespace), ("name", name)));
    }

    [Fact]
    public async Task SampleApp_Restarted_ServesStoredCertificateAtOnce_CertMeshIssuesNothing_Healthy()
    {
        const string name = "restart";
        var settings = await SettingsAsync(name);
        await using var queue = new AppQueue(QueueName(name));
        var store = Path.Combine(stack.LogDirectory, "sample-app-store-" + name);
        CertificateIssued first;
        await using (var app = await SampleAppProcess.StartAsync(stack.LogDirectory, store, settings, "sample-app-" + name))
        {
            first = await stack.WaitForIssuedAsync(Namespace, name, timeout: TimeSpan.FromSeconds(60));
            await Eventually.UntilAsync(app.HomeAsync, h => h?.Contains(Leaf(first).SerialNumber, StringComparison.OrdinalIgnoreCase) == true,
                TimeSpan.FromSeconds(60), "the sample application serving revision 1 (log " + app.LogPath + ")");
        }

        await using var restarted = await SampleAppProcess.StartAsync(stack.LogDirectory, store, settings, "sample-app-" + name + "-again");
        // It listens only after CertMesh answered the re-sent IssueCertificate, so an answer is in its log by then.
        var home = await Eventually.UntilAsync(restarted.HomeAsync, h => h is not null, TimeSpan.FromSeconds(60), "the restarted sample application answering");
        using var http = new HttpClient();
        var health = await http.GetAsync($"http://127.0.0.1:{restarted.HttpPort}/health");

        Assert.Contains(Leaf(first).SerialNumber, home!, StringComparison.OrdinalIgnoreCase);
        var log = File.ReadAllText(restarted.LogPath);
        Assert.Contains($"CertMesh {Namespace}/{name}: serving the stored certificate (serial {Leaf(first).SerialNumber})", log, StringComparison.OrdinalIgnoreCase);
        Assert.Contains($"CertMesh {Namespace}/{name}: accepted by CertMesh (a new revision is on its way: False)", log, StringComparison.Ordinal);
        Assert.Equal(1, await stack.ScalarAsync<int>(
            "SELECT (doc->'status'->>'revision')::int FROM resources WHERE kind = 'Certificate' AND namespace = @ns AND name = @name", ("ns", Namespace), ("name", name)));
        Assert.Equal(System.Net.HttpStatusCode.OK, health.StatusCode);
        Assert.Equal("Healthy", await health.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task SampleApp_IssueAndRenewAlways_KeyNeverLeaves_NewKeyServedWithZeroFailedRequests()
    {
        var settings = await SettingsAsync();
        await using var queue = new AppQueue(QueueName("checkout"));
        var store = Path.Combine(stack.LogDirectory, "sample-app-store");
        await using var firehose = await Firehose.StartAsync();
        await using var app = await SampleAppProcess.StartAsync(stack.LogDirectory, store, settings);

        var first = await stack.WaitForIssuedAsync(Namespace, "checkout", timeout: TimeSpan.FromSeconds(60));
        await Eventually.UntilAsync(app.HomeAsync, h => h?.Contains(Leaf(first).SerialNumber, StringComparison.OrdinalIgnoreCase) == true,
            TimeSpan.FromSeconds(60), "the sample application serving revision 1 (log " + app.LogPath + ")");
        var firstKey = ReadKey(store);
        var trust = new X509Certificate2Collection();
        trust.ImportFromPem(first.CaPem ?? first.CertificatePem);

        // (a) The Secret CertMesh keeps for it holds the certificate, never a key.
        using (var http = stack.ApiClient())
        {
            var secret = JsonDocument.Parse(await http.GetStringAsync($"/api/secrets/{Namespace}/checkout-tls"));
            Assert.False(secret.RootElement.GetProperty("data").TryGetProperty("tls.key", out _), "the Secret holds a tls.key");
            Assert.True(secret.RootElement.GetProperty("data").TryGetProperty("tls.crt", out _));
        }

        // (c) Renew while a loop of new HTTPS connections runs; each handshake says which serial it got.
        var load = new HandshakeLoop(app.HttpsPort, trust);
        var loop = load.RunAsync(MinimumRequests);
        await Eventually.UntilAsync(() => Task.FromResult(load.Completed), n => n >= 50, TimeSpan.FromSeconds(30), "the request loop under way");
        var clock = Stopwatch.StartNew();
        await CliRunner.RunAsync(stack, "renew", "checkout", "-n", Namespace);
        var second = await stack.WaitForIssuedAsync(Namespace, "checkout", revision: 2, timeout: TimeSpan.FromSeconds(60));
        await Eventually.UntilAsync(() => Task.FromResult(load.SawSerial(Leaf(second).SerialNumber)), seen => seen,
            TimeSpan.FromSeconds(30), $"a handshake serving serial {Leaf(second).SerialNumber}");
        var swapped = clock.Elapsed;
        load.StopWhenDone();
        await loop;
        var secondKey = ReadKey(store);

        output.WriteLine($"renew → new serial served in {swapped.TotalSeconds:0.00} s; {load.Completed} HTTPS requests on new connections, {load.Failures.Count} failed; " +
                         $"serials seen {string.Join(", ", load.Serials)}");
        Assert.Empty(load.Failures);
        Assert.True(load.Completed >= MinimumRequests, $"only {load.Completed} requests");
        Assert.NotEqual(first.SerialNumber, second.SerialNumber);
        Assert.True(load.SawSerial(Leaf(first).SerialNumber), "no request saw the first revision");
        Assert.NotEqual(firstKey.SubjectPublicKeyInfo, secondKey.SubjectPublicKeyInfo);
        Assert.Equal(secondKey.SubjectPublicKeyInfo, Leaf(second).PublicKey.ExportSubjectPublicKeyInfo());
        Assert.Equal(firstKey.SubjectPublicKeyInfo, Leaf(first).PublicKey.ExportSubjectPublicKeyInfo());
        Assert.True(swapped < TimeSpan.FromSeconds(30), $"the swap took {swapped}");

        // (b) Nothing on the bus, during issuance and renewal, carried either key.
        await Eventually.UntilAsync(() => Task.FromResult(firehose.Messages.Count(m => Encoding.UTF8.GetString(m.Body).Contains(second.SerialNumber, StringComparison.OrdinalIgnoreCase))),
            n => n > 0, TimeSpan.FromSeconds(10), "the firehose copy of revision 2's CertificateIssued");
        var captured = firehose.Messages.ToArray();
        Assert.Contains(captured, m => m.RoutingKey.StartsWith("publish.CertMesh.Contracts:IssueCertificate", StringComparison.Ordinal));
        Assert.Contains(captured, m => m.RoutingKey.StartsWith("publish.CertMesh.Contracts:CertificateRenewalRequested", StringComparison.Ordinal));
        output.WriteLine($"firehose: {captured.Length} messages captured");
        foreach (var (routingKey, body) in captured)
        {
            var text = Encoding.UTF8.GetString(body);
            Assert.False(text.Contains("PRIVATE KEY", StringComparison.Ordinal), $"{routingKey} carries a PEM private key");
            foreach (var key in new[] { firstKey, secondKey })
            {
                foreach (var secret in key.Secrets)
                {
                    Assert.False(text.Contains(secret, StringComparison.Ordinal), $"{routingKey} carries the application's private key");
                }
                Assert.False(body.AsSpan().IndexOf(key.Der) >= 0, $"{routingKey} carries the application's private key (DER)");
            }
        }
    }

    static X509Certificate2 Leaf(CertificateIssued issued) => X509Certificate2.CreateFromPem(issued.CertificatePem);

    /// <summary>The key the application stores, and every form in which it could leak: PKCS#8 DER and its base64,
    /// the private scalar in base64 and hex.</summary>
    static StoredKey ReadKey(string store)
    {
        var pem = File.ReadAllText(Path.Combine(store, Namespace, "checkout", "key.pem"));
        using var ec = ECDsa.Create();
        ec.ImportFromPem(pem);
        var der = ec.ExportPkcs8PrivateKey();
        var d = ec.ExportParameters(true).D!;
        return new StoredKey(ec.ExportSubjectPublicKeyInfo(), der,
            [Convert.ToBase64String(der), Convert.ToBase64String(d), Convert.ToHexString(d), Convert.ToHexString(d).ToLowerInvariant()]);
    }

    sealed record StoredKey(byte[] SubjectPublicKeyInfo, byte[] Der, string[] Secrets);
}
