using CertMesh.Domain.Authorization;
using CertMesh.Hosting.Configuration;
using Microsoft.Extensions.Configuration;

namespace CertMesh.Hosting.Authorization;

/// <summary>
/// The built-in principals, from configuration: the bootstrap admin's token (<c>CERTMESH_ADMIN_TOKEN_SHA256</c>, or
/// <c>CERTMESH_API_TOKEN</c> hashed at start) and the RabbitMQ users the services themselves publish as
/// (<c>CERTMESH_BUS_SYSTEM_USERS</c>, comma-separated; by default this process's own user).
/// </summary>
public sealed record AccessOptions(IReadOnlyList<BuiltInPrincipal> BuiltIns, TimeSpan RefreshAfter)
{
    /// <summary>How stale a cached snapshot may be: a revoked token or removed binding stops working within this.</summary>
    public static readonly TimeSpan DefaultRefresh = TimeSpan.FromSeconds(2);

    /// <summary>A RabbitMQ user the services themselves publish as.</summary>
    public bool IsSystemBusUser(string user) => BuiltIns.Any(b => b.RabbitMqUser == user);

    public static AccessOptions From(IConfiguration configuration, CertMeshSettings settings)
    {
        var builtIns = new List<BuiltInPrincipal>();
        var hash = configuration["CERTMESH_ADMIN_TOKEN_SHA256"]?.Trim().ToLowerInvariant();
        if (string.IsNullOrEmpty(hash) && configuration["CERTMESH_API_TOKEN"] is { Length: > 0 } token)
            hash = TokenHash.Of(token);
        if (!string.IsNullOrEmpty(hash))
        {
            if (!TokenHash.IsHash(hash))
                throw new InvalidOperationException("CERTMESH_ADMIN_TOKEN_SHA256 must be 64 lower-case hex characters (sha256sum of the token)");
            builtIns.Add(new BuiltInPrincipal(BuiltInPrincipal.BootstrapAdmin, TokenSha256: hash));
        }
        var busUsers = configuration["CERTMESH_BUS_SYSTEM_USERS"] is { Length: > 0 } list
            ? list.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            : [settings.RabbitMqUser];
        builtIns.AddRange(busUsers.Select(user => new BuiltInPrincipal(BuiltInPrincipal.ForBusUser(user), RabbitMqUser: user)));
        return new AccessOptions(builtIns, DefaultRefresh);
    }
}
