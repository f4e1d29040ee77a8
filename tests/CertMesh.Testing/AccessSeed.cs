using System.Security.Cryptography;
using CertMesh.Domain.Authorization;
using CertMesh.Domain.Resources;
using CertMesh.Persistence.Database;
using CertMesh.Persistence.Messaging;
using CertMesh.Persistence.Resources;
using CertMesh.Persistence.Secrets;
using Npgsql;

namespace CertMesh.Testing;

/// <summary>
/// Principals, bindings and ClusterIssuer grants written straight into a stack's database, as the Api would store them
/// (the Api's own endpoints for them are not what these suites test). Services read them within
/// <see cref="Propagation"/> (their AccessCache's refresh).
/// </summary>
public static class AccessSeed
{
    /// <summary>AccessOptions.DefaultRefresh (2 s) and a margin: after this every replica has read the change.</summary>
    public static readonly TimeSpan Propagation = TimeSpan.FromSeconds(2.5);

    /// <summary>Every namespace may use every ClusterIssuer: for suites that are not about grants, so the default
    /// (<c>CERTMESH_CLUSTERISSUER_USE=granted</c>) stays what they run with.</summary>
    public static Task GrantEveryClusterIssuerAsync(string connectionString) =>
        GrantClusterIssuersAsync(connectionString, EverythingGrant, ["*"], ["*"]);

    public const string EverythingGrant = "tests-everything";

    public static Task RevokeClusterIssuerGrantAsync(string connectionString, string name) =>
        WriteAsync(connectionString, (unit, ct) => unit.Resources.DeleteAsync(new ResourceKey(AuthKinds.ClusterIssuerGrant, ResourceKinds.ClusterNamespace, name), ct));

    public static Task GrantClusterIssuersAsync(string connectionString, string name, IReadOnlyList<string> clusterIssuers, IReadOnlyList<string> namespaces) =>
        WriteAsync(connectionString, (unit, ct) => CreateAsync(unit, AuthKinds.ClusterIssuerGrant, ResourceKinds.ClusterNamespace, name, uid => new ClusterIssuerGrant
        {
            Metadata = Meta(ResourceKinds.ClusterNamespace, name, uid),
            Spec = new ClusterIssuerGrantSpec { ClusterIssuers = clusterIssuers, Namespaces = namespaces },
        }, ct));

    /// <summary>A principal publishing as <paramref name="rabbitMqUser"/>, bound to <paramref name="role"/> in each namespace.</summary>
    public static Task BindBusUserAsync(string connectionString, string principal, string rabbitMqUser, string role, params string[] namespaces) =>
        WriteAsync(connectionString, async (unit, ct) =>
        {
            await CreateAsync(unit, AuthKinds.Principal, ResourceKinds.ClusterNamespace, principal, uid => new Principal
            {
                Metadata = Meta(ResourceKinds.ClusterNamespace, principal, uid),
                Spec = new PrincipalSpec { RabbitMqUser = rabbitMqUser, Description = "test application" },
            }, ct);
            foreach (var @namespace in namespaces)
            {
                var binding = $"{principal}-{role}";
                await CreateAsync(unit, AuthKinds.RoleBinding, @namespace, binding, uid => new RoleBinding
                {
                    Metadata = Meta(@namespace, binding, uid),
                    Spec = new RoleBindingSpec { Role = role, Subjects = [new Subject { Name = principal }] },
                }, ct);
            }
        });

    static ObjectMeta Meta(string @namespace, string name, Guid uid) =>
        new() { Namespace = @namespace, Name = name, Uid = uid, Generation = 1, CreationTimestamp = DateTimeOffset.UtcNow };

    static Task CreateAsync<T>(UnitOfWork unit, string kind, string @namespace, string name, Func<Guid, T> document, CancellationToken cancellationToken)
    {
        var uid = Guid.CreateVersion7();
        return unit.Resources.CreateAsync(new ResourceKey(kind, @namespace, name), uid, document(uid), null, cancellationToken);
    }

    static async Task WriteAsync(string connectionString, Func<UnitOfWork, CancellationToken, Task> write)
    {
        await using var dataSource = NpgsqlDataSource.Create(connectionString);
        // Nothing secret is written here; the cipher only completes the database's construction.
        var database = new CertMeshDatabase(dataSource, new SecretCipher(RandomNumberGenerator.GetBytes(32)), new OutboxSignal(), TimeProvider.System);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await database.RunAsync(async unit =>
        {
            await write(unit, timeout.Token);
            return true;
        }, timeout.Token);
    }
}
