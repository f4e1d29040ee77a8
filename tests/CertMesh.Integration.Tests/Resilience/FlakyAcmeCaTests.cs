using System.Diagnostics;
using System.Security.Cryptography.X509Certificates;
using CertMesh.Contracts;
using CertMesh.Integration.Tests.Acme;
using CertMesh.Integration.Tests.Support;
using MassTransit;
using Xunit;
using Xunit.Abstractions;

namespace CertMesh.Integration.Tests.Resilience;

/// <summary>
/// Issue 9's fault run: ACME over HTTP-01 against a Pebble of the test's own that rejects 80% of nonces, never reuses an
/// authorization and serves chains with three intermediates. Rejections that outlive the client's retries meet the
/// short back-off; every certificate must still be issued exactly once (revision 1, one CertificateRequest, one
/// Order, one CertificateIssued message) and every request/response caller answered.
/// </summary>
[Collection(StackCollection.Name)]
public sealed class FlakyAcmeCaTests(StackFixture stack, ITestOutputHelper output)
{
    const string Namespace = "it-acme-flaky";
    const string Issuer = "it-pebble-flaky";
    const int Certificates = 40;
    /// <summary>Pebble 2.4's PEBBLE_CHAIN_LENGTH counts intermediates (default and minimum 1); the root is not served.</summary>
    const int Intermediates = 3;

    [Fact]
    public async Task Issue_CaRejectingMostNonces_EveryCertificateIssuedOnceAndEveryRequestAnswered()
    {
        var clock = Stopwatch.StartNew();
        await using var pebble = await PebbleProcess.StartAsync(new PebbleOptions
        {
            Settings = new Dictionary<string, string>
            {
                ["PEBBLE_WFE_NONCEREJECT"] = "80",
                ["PEBBLE_AUTHZREUSE"] = "0",
                ["PEBBLE_CHAIN_LENGTH"] = Intermediates.ToString(System.Globalization.CultureInfo.InvariantCulture),
            },
            LogPath = Path.Combine(stack.LogDirectory, "pebble-flaky.log"),
        });
        await stack.ApplyAsync($$"""
            apiVersion: cert-manager.io/v1
            kind: ClusterIssuer
            metadata:
              name: {{Issuer}}
            spec:
              acme:
                server: {{pebble.Directory}}
                email: it@example.test
                privateKeySecretRef:
                  name: {{Issuer}}-account
                solvers:
                  - http01:
                      ingress: {}
            """);

        var names = Enumerable.Range(0, Certificates).Select(i => $"f{i}").ToList();
        var client = stack.Bus.CreateRequestClient<IssueCertificate>(RequestTimeout.After(s: 60));
        var answers = await Task.WhenAll(names.Select(name => AskAsync(client, AcmeCommands.IssueWith(Issuer, Namespace, name))));
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(240);
        while (DateTime.UtcNow < deadline && IssuedNames().Count + FailedNames().Count < Certificates)
            await Task.Delay(200);
        // Time for a duplicate CertificateIssued, or a second revision, to show itself.
        await Task.Delay(TimeSpan.FromSeconds(3));
        var elapsed = clock.Elapsed;

        var issued = IssuedNames();
        var duplicated = names.Count(name => stack.Events.Issued.Where(r => Mine(r.Message.Namespace, r.Message.Name, name)).Select(r => r.MessageId).Distinct().Count() > 1);
        var failed = FailedNames();
        var lost = names.Count(name => !issued.Contains(name) && !failed.Contains(name));
        var retried = await stack.ScalarAsync<long>(
            "SELECT count(*) FROM resource_events WHERE kind = 'Order' AND namespace = @ns AND reason = 'Retrying'", ("ns", Namespace));
        var solverRetries = SolverRetries();
        output.WriteLine($"{Certificates} certificates against Pebble (nonce reject 80%, authz reuse 0, chain length {Intermediates}) in {elapsed.TotalSeconds:0.0} s:");
        output.WriteLine($"  issued {issued.Count}, duplicated {duplicated}, lost {lost}, failed {failed.Count}");
        output.WriteLine($"  requests accepted {answers.Count(a => a == Answer.Accepted)}, rejected {answers.Count(a => a == Answer.Rejected)}, unanswered {answers.Count(a => a == Answer.Unanswered)}");
        output.WriteLine($"  failed attempts retried: {retried} order steps on the short back-off (AcmeOrder), {solverRetries} challenge steps (ChallengeSolver)");
        foreach (var retry in await RetryMessagesAsync())
            output.WriteLine($"  retried {retry}");
        foreach (var failure in stack.Events.Failed.Where(f => f.Message.Namespace == Namespace))
            output.WriteLine($"  failed {failure.Message.Name}: {failure.Message.Message}");

        Assert.All(answers, answer => Assert.Equal(Answer.Accepted, answer));
        Assert.Empty(failed);
        Assert.Equal(Certificates, issued.Count);
        Assert.Equal(0, duplicated);
        Assert.All(stack.Events.Issued.Where(r => r.Message.Namespace == Namespace), r => Assert.Equal(1, r.Message.Revision));
        Assert.Equal((long)Certificates, await stack.ScalarAsync<long>(
            "SELECT count(*) FROM resources WHERE kind = 'Certificate' AND namespace = @ns AND (doc->'status'->>'revision')::int = 1 AND doc->'status'->'issuingRevision' IS NULL", ("ns", Namespace)));
        Assert.Equal((long)Certificates, await stack.ScalarAsync<long>("SELECT count(*) FROM resources WHERE kind = 'CertificateRequest' AND namespace = @ns", ("ns", Namespace)));
        Assert.Equal((long)Certificates, await stack.ScalarAsync<long>("SELECT count(*) FROM resources WHERE kind = 'Order' AND namespace = @ns", ("ns", Namespace)));

        using var root = X509Certificate2.CreateFromPem(await pebble.RootPemAsync());
        foreach (var name in names)
            AssertChain(await AcmeChains.ReadSecretAsync(stack, Namespace, name + "-tls"), root, name);
    }

    /// <summary>Leaf, then each intermediate issued by the next, the last by the test Pebble's root.</summary>
    static void AssertChain(X509Certificate2Collection chain, X509Certificate2 root, string name)
    {
        Assert.True(chain.Count == 1 + Intermediates, $"{name}: tls.crt holds {chain.Count} certificates, expected the leaf and {Intermediates} intermediates");
        for (var i = 0; i + 1 < chain.Count; i++)
            Assert.Equal(chain[i + 1].SubjectName.Name, chain[i].IssuerName.Name);
        Assert.Equal(root.SubjectName.Name, chain[^1].IssuerName.Name);
        using var verify = new X509Chain();
        verify.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        verify.ChainPolicy.CustomTrustStore.Add(root);
        verify.ChainPolicy.ExtraStore.AddRange(chain);
        verify.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        Assert.True(verify.Build(chain[0]), $"{name}: " + string.Join("; ", verify.ChainStatus.Select(s => s.StatusInformation)));
        Assert.Equal(2 + Intermediates, verify.ChainElements.Count);
    }

    enum Answer { Accepted, Rejected, Unanswered }

    static async Task<Answer> AskAsync(IRequestClient<IssueCertificate> client, IssueCertificate command)
    {
        try
        {
            var response = await client.GetResponse<IssueCertificateAccepted, IssueCertificateRejected>(command);
            return response.Is(out Response<IssueCertificateAccepted>? _) ? Answer.Accepted : Answer.Rejected;
        }
        catch (RequestTimeoutException)
        {
            return Answer.Unanswered;
        }
    }

    async Task<List<string>> RetryMessagesAsync()
    {
        await using var connection = new Npgsql.NpgsqlConnection(stack.ConnectionString);
        await connection.OpenAsync();
        await using var command = new Npgsql.NpgsqlCommand(
            "SELECT name || ': ' || message FROM resource_events WHERE kind = 'Order' AND namespace = @ns AND reason = 'Retrying' ORDER BY id", connection);
        command.Parameters.AddWithValue("ns", Namespace);
        var messages = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
            messages.Add(reader.GetString(0));
        return messages;
    }

    static bool Mine(string @namespace, string name, string expected) => @namespace == Namespace && name == expected;

    HashSet<string> IssuedNames() =>
        stack.Events.Issued.Where(r => r.Message.Namespace == Namespace).Select(r => r.Message.Name).ToHashSet();

    HashSet<string> FailedNames() =>
        stack.Events.Failed.Where(r => r.Message.Namespace == Namespace).Select(r => r.Message.Name).ToHashSet();

    /// <summary>The solver replicas' "retrying" warnings for this test's challenges (they keep the slot and try again).</summary>
    int SolverRetries() => Directory.GetFiles(stack.LogDirectory, "ChallengeSolver@*.log")
        .Sum(file => ReadShared(file).Count(line => line.Contains($"Challenge {Namespace}/", StringComparison.Ordinal) && line.Contains("retrying in", StringComparison.Ordinal)));

    static IEnumerable<string> ReadShared(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        using var reader = new StreamReader(stream);
        var lines = new List<string>();
        while (reader.ReadLine() is { } line)
            lines.Add(line);
        return lines;
    }
}
