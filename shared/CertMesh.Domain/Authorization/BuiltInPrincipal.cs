namespace CertMesh.Domain.Authorization;

/// <summary>A principal that exists by configuration, not by a stored resource, and is admin: the bootstrap admin of
/// the Api (its token's hash from configuration) and the services' own RabbitMQ user on the bus. Without them nobody
/// could apply the first Principal.</summary>
public sealed record BuiltInPrincipal(string Name, string? TokenSha256 = null, string? RabbitMqUser = null)
{
    public const string BootstrapAdmin = "system:admin";

    public static string ForBusUser(string user) => $"system:bus:{user}";
}
