using System.Security.Cryptography;
using CertMesh.Contracts;
using CertMesh.Persistence.Database;
using CertMesh.Persistence.Messaging;
using CertMesh.Persistence.Secrets;
using Npgsql;

namespace CertMesh.Edge.Tests.Support;

/// <summary>
/// An Edge process terminating TLS on a free loopback port, over a database of its own (<c>certmesh_edgetls_*</c>,
/// dropped at the end) on the real PostgreSQL and the test vhost of the real RabbitMQ. The Secret of Certificate
/// <c>edge/tls</c> (for <see cref="Host"/>) is written before it starts; later revisions are written and announced as
/// Issuing does it: Secret and <c>CertificateIssued</c> in one transaction, delivered by the Edge's outbox dispatcher.
/// The reconcile is slowed to 10 minutes, so every change a test sees within seconds came from an event.
/// </summary>
public sealed class TlsEdgeFixture : IAsyncLifetime
{
    public const string Host = "tls.example.test";
    public const string RoutedHost = "routed.example.test";
    public const string Namespace = "edge";
    public const string SecretName = "tls";

    string _databaseName = "";
    NpgsqlDataSource? _dataSource;
    int _revision;

    public TestCertificates Certificates { get; } = new();
    public ServiceProcess Edge { get; private set; } = null!;
    public int HttpsPort { get; } = TestEnvironment.FreePort();
    public CertMeshDatabase Database { get; private set; } = null!;
    public Backend Backend { get; } = new("tls-backend");
    public TestCertificates.Leaf Current { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        await RabbitMqProbe.EnsureReachableAsync("certmesh-edge-tls-tests");
        (_databaseName, var connectionString) = await ScratchDatabase.CreateAsync("certmesh_edgetls_");
        _dataSource = NpgsqlDataSource.Create(connectionString);
        await Schema.EnsureAsync(_dataSource, CancellationToken.None);
        var secretKey = RandomNumberGenerator.GetBytes(32);
        Database = new CertMeshDatabase(_dataSource, new SecretCipher(secretKey), new OutboxSignal(), TimeProvider.System);
        await IssueAsync(Certificates.Issue(Host), announce: false);

        var logDirectory = Path.Combine(TestEnvironment.RepositoryRoot, "tests", "CertMesh.Edge.Tests", "bin", "edge-logs", "tls-" + DateTime.UtcNow.ToString("yyyyMMdd-HHmmss-fff"));
        Directory.CreateDirectory(logDirectory);
        var routes = Path.Combine(logDirectory, "edge-routes.json");
        await File.WriteAllTextAsync(routes, $$"""
            {
              "Routes": { "routed": { "ClusterId": "backend", "Match": { "Hosts": [ "{{RoutedHost}}" ], "Path": "/{**rest}" } },
                          "tls": { "ClusterId": "backend", "Match": { "Hosts": [ "{{Host}}" ], "Path": "/{**rest}" } } },
              "Clusters": { "backend": { "Destinations": { "only": { "Address": "{{Backend.Address}}" } } } }
            }
            """);
        Edge = await ServiceProcess.StartAsync("Edge@tls", new Dictionary<string, string?>
        {
            ["CERTMESH_POSTGRES"] = connectionString,
            ["CERTMESH_RABBITMQ"] = TestEnvironment.RabbitMq.ToString(),
            ["CERTMESH_SECRET_KEY"] = Convert.ToBase64String(secretKey),
            ["CERTMESH_EDGE_ROUTES"] = routes,
            ["CERTMESH_EDGE_HTTPS_URL"] = $"https://127.0.0.1:{HttpsPort}",
            ["CERTMESH_EDGE_TLS_RESYNC_SECONDS"] = "600",
        }, logDirectory);
    }

    /// <summary>Stores <paramref name="leaf"/> as the next revision of edge/tls and, as Issuing does, announces it.</summary>
    public async Task IssueAsync(TestCertificates.Leaf leaf, bool announce = true)
    {
        await IssueAsync(SecretName, leaf, announce);
        Current = leaf;
    }

    /// <summary>Stores <paramref name="leaf"/> in Secret edge/<paramref name="name"/> of Certificate edge/<paramref name="name"/>.</summary>
    public async Task IssueAsync(string name, TestCertificates.Leaf leaf, bool announce = true)
    {
        var revision = Interlocked.Increment(ref _revision);
        await using var unit = await Database.BeginAsync(CancellationToken.None);
        await unit.Secrets.ReplaceAsync(TestCertificates.SecretFor(Namespace, name, leaf), CancellationToken.None);
        if (announce)
        {
            await unit.Outbox.PublishAsync(new CertificateIssued
            {
                Namespace = Namespace,
                Name = name,
                Uid = Guid.NewGuid(),
                Revision = revision,
                SecretName = name,
                SerialNumber = leaf.SerialNumber,
                NotBefore = leaf.Certificate.NotBefore,
                NotAfter = leaf.Certificate.NotAfter,
                RenewalTime = leaf.Certificate.NotAfter.AddDays(-10),
                CertificatePem = leaf.CertificatePem,
            }, CancellationToken.None);
        }
        await unit.CommitAsync(CancellationToken.None);
    }

    /// <summary>Deletes Certificate edge/<paramref name="name"/> as Trigger and Issuing do: the event, then its Secret.</summary>
    public async Task DeleteAsync(string name)
    {
        await using var unit = await Database.BeginAsync(CancellationToken.None);
        await unit.Outbox.PublishAsync(new CertificateDeleted { Namespace = Namespace, Name = name, SecretName = name, Uid = Guid.NewGuid() }, CancellationToken.None);
        await unit.Secrets.DeleteAsync(Namespace, name, CancellationToken.None);
        await unit.CommitAsync(CancellationToken.None);
    }

    /// <summary>The Edge's log so far (the fixture's own writer still holds it open).</summary>
    public string Log()
    {
        using var stream = new FileStream(Edge.LogPath, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        return new StreamReader(stream).ReadToEnd();
    }

    public async Task DisposeAsync()
    {
        Edge?.Dispose();
        Backend.Dispose();
        Certificates.Dispose();
        if (_dataSource is not null)
            await _dataSource.DisposeAsync();
        if (_databaseName.Length > 0)
            await ScratchDatabase.DropAsync(_databaseName);
    }
}
