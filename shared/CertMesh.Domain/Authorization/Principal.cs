using System.Text.Json.Serialization;
using CertMesh.Domain.Resources;

namespace CertMesh.Domain.Authorization;

/// <summary>Someone who calls CertMesh: a person, a CI pipeline or an application. Cluster-scoped. It proves who it is
/// with a bearer token (only the token's SHA-256 is stored) or, on the bus, by its RabbitMQ user (the broker checks the
/// password and the message's <c>user_id</c>). What it may do comes from bindings, never from the principal itself.</summary>
public sealed record Principal
{
    public string Kind { get; init; } = AuthKinds.Principal;
    public ObjectMeta Metadata { get; init; } = new();
    public PrincipalSpec Spec { get; init; } = new();
}

public sealed record PrincipalSpec
{
    public string? Description { get; init; }
    public IReadOnlyList<PrincipalToken>? Tokens { get; init; }
    /// <summary>The RabbitMQ user this principal publishes as; at most one principal may name a user.</summary>
    [JsonPropertyName("rabbitmqUser")]
    public string? RabbitMqUser { get; init; }
    /// <summary>A disabled principal is refused everywhere (401 on the Api, Forbidden on the bus), bindings kept.</summary>
    public bool Disabled { get; init; }
}

/// <summary>One bearer token of a principal. <c>Id</c> names it in the audit log (the token itself never appears);
/// revoking keeps the entry so the log still says whose it was.</summary>
public sealed record PrincipalToken
{
    public string Id { get; init; } = "";
    /// <summary>Lower-case hex SHA-256 of the token's UTF-8 bytes. Tokens are 256 random bits, so a fast hash is enough:
    /// there is nothing to guess that a slow hash would protect.</summary>
    public string Sha256 { get; init; } = "";
    public DateTimeOffset? Expires { get; init; }
    public bool Revoked { get; init; }
}
