using System.Text.Json;
using CertMesh.Contracts;
using CertMesh.Contracts.Acme;
using CertMesh.Domain.Resources;
using CertMesh.Persistence.Database;
using CertMesh.Persistence.Resources;

namespace CertMesh.ChallengeSolver.Tests.Support;

/// <summary>Messages as AcmeOrder sends them, and reads of what the solver stored and published.</summary>
internal static class Messages
{
    public static SolveChallenge Solve(string name, string dnsName, string type = "http-01", string token = "tok-0123456789abcdef") => new()
    {
        OrderId = Guid.NewGuid(),
        Namespace = "default",
        OrderName = "order-1",
        ChallengeName = name,
        IssuerRef = new IssuerReference { Name = "pebble", Kind = "Issuer" },
        DnsName = dnsName,
        Type = type,
        Token = token,
        Key = token + ".thumbprint",
        ChallengeUrl = "https://acme.test/chall/" + name,
        AuthorizationUrl = "https://acme.test/authz/" + name,
        SolverJson = """{"http01":{"ingress":{}}}""",
        AcmeServer = "https://acme.test/dir",
        AccountUrl = "https://acme.test/acct/1",
        AccountKeySecretNamespace = "default",
        AccountKeySecretName = "pebble-account",
    };

    public static async Task<Stored<Challenge>?> ChallengeAsync(CertMeshDatabase database, string name, string @namespace = "default")
    {
        await using var unit = await database.BeginAsync(CancellationToken.None);
        return await unit.Resources.GetAsync<Challenge>(new ResourceKey(ResourceKinds.Challenge, @namespace, name), CancellationToken.None);
    }

    public static async Task<IReadOnlyList<ResourceEvent>> EventsAsync(CertMeshDatabase database, string name, string @namespace = "default")
    {
        await using var unit = await database.BeginAsync(CancellationToken.None);
        return await unit.Events.ListAsync(new ResourceKey(ResourceKinds.Challenge, @namespace, name), CancellationToken.None);
    }

    /// <summary>Outgoing messages of type <typeparamref name="T"/> waiting in the outbox (no dispatcher runs in these tests).</summary>
    public static async Task<IReadOnlyList<T>> OutboxAsync<T>(SolverDatabase db)
    {
        await using var command = db.DataSource.CreateCommand("SELECT body FROM outbox WHERE message_type LIKE @type ORDER BY id");
        command.Parameters.AddWithValue("type", typeof(T).FullName + ",%");
        var messages = new List<T>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            using var body = reader.GetFieldValue<JsonDocument>(0);
            messages.Add(body.Deserialize<T>(Json.Options)!);
        }
        return messages;
    }
}
