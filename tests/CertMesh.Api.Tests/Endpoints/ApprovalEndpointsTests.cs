using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using CertMesh.Api.Tests.Support;
using CertMesh.Contracts.Issuance;
using CertMesh.Domain.Resources;
using CertMesh.Persistence.Database;
using CertMesh.Persistence.Messaging;
using CertMesh.Persistence.Resources;
using Xunit;

namespace CertMesh.Api.Tests.Endpoints;

/// <summary>
/// <c>POST /api/certificaterequests/{ns}/{name}/approve|deny</c> on the real PostgreSQL: the decision is written to the
/// outbox for the Issuing saga named by the request's annotation, and nothing is sent for a missing or decided request.
/// </summary>
public sealed class ApprovalEndpointsTests(ApiHost host) : IClassFixture<ApiHost>
{
    [Fact]
    public async Task Approve_WaitingRequest_SendsApprovedToItsIssuance()
    {
        var (ns, issuanceId) = await SeedAsync();
        using var client = host.Client(ApiHost.Token);

        var response = await client.PostAsJsonAsync($"/api/certificaterequests/{ns}/web-1/approve", new { reason = "LooksFine", message = "checked by hand" });

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var sent = Assert.Single(await OutboxAsync<CertificateRequestApproved>(m => m.Namespace == ns));
        Assert.Equal((issuanceId, "web-1", "LooksFine", "checked by hand", "system:admin (token bootstrap)"), (sent.IssuanceId, sent.RequestName, sent.Reason, sent.Message, sent.ApprovedBy));
    }

    [Theory]
    [InlineData("view", "approve")]
    [InlineData("view", "deny")]
    [InlineData("secrets", "approve")]
    public async Task Decide_WithoutEditInTheNamespace_403NothingSent(string role, string verb)
    {
        var (ns, _) = await SeedAsync();
        using var client = host.Client(await host.PrincipalAsync($"{role}-{verb}-{ns}", (role, ns)));

        var response = await client.PostAsJsonAsync($"/api/certificaterequests/{ns}/web-1/{verb}", new { reason = "Sneaky" });

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Contains($"cannot approve CertificateRequest in namespace \"{ns}\" (needs role edit", JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("message").GetString());
        Assert.Empty(await OutboxAsync<CertificateRequestApproved>(m => m.Namespace == ns));
        Assert.Empty(await OutboxAsync<CertificateRequestDenied>(m => m.Namespace == ns));
    }

    [Fact]
    public async Task Approve_EditorOfTheNamespace_SentNamingThePrincipal()
    {
        var (ns, _) = await SeedAsync();
        using var client = host.Client(await host.PrincipalAsync($"approver-{ns}", ("edit", ns)));

        var response = await client.PostAsync($"/api/certificaterequests/{ns}/web-1/approve", null);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Equal($"approver-{ns} (token t1)", Assert.Single(await OutboxAsync<CertificateRequestApproved>(m => m.Namespace == ns)).ApprovedBy);
    }

    [Fact]
    public async Task Approve_NoBody_UsesCliDefaults()
    {
        var (ns, _) = await SeedAsync();
        using var client = host.Client(ApiHost.Token);

        var response = await client.PostAsync($"/api/certificaterequests/{ns}/web-1/approve", null);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Equal("CertMeshCli", Assert.Single(await OutboxAsync<CertificateRequestApproved>(m => m.Namespace == ns)).Reason);
    }

    [Fact]
    public async Task Deny_WithReason_SendsDenied()
    {
        var (ns, issuanceId) = await SeedAsync();
        using var client = host.Client(ApiHost.Token);

        var response = await client.PostAsJsonAsync($"/api/certificaterequests/{ns}/web-1/deny", new { reason = "NotOurs" });

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var sent = Assert.Single(await OutboxAsync<CertificateRequestDenied>(m => m.Namespace == ns));
        Assert.Equal((issuanceId, "NotOurs"), (sent.IssuanceId, sent.Reason));
    }

    [Fact]
    public async Task Deny_NoReason_422NothingSent()
    {
        var (ns, _) = await SeedAsync();
        using var client = host.Client(ApiHost.Token);

        var response = await client.PostAsJsonAsync($"/api/certificaterequests/{ns}/web-1/deny", new { message = "no" });

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Contains("reason: Required value", await response.Content.ReadAsStringAsync());
        Assert.Empty(await OutboxAsync<CertificateRequestDenied>(m => m.Namespace == ns));
    }

    [Theory]
    [InlineData("has space")]
    [InlineData("9Starts")]
    public async Task Deny_BadReason_422(string reason)
    {
        var (ns, _) = await SeedAsync();
        using var client = host.Client(ApiHost.Token);

        var response = await client.PostAsJsonAsync($"/api/certificaterequests/{ns}/web-1/deny", new { reason });

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
    }

    [Fact]
    public async Task Approve_MissingRequest_404()
    {
        using var client = host.Client(ApiHost.Token);

        var response = await client.PostAsync("/api/certificaterequests/nowhere/web-1/approve", null);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Theory]
    [InlineData("Approved", "approve")]
    [InlineData("Approved", "deny")]
    [InlineData("Denied", "approve")]
    public async Task Decide_AlreadyDecided_409NothingSent(string condition, string verb)
    {
        var (ns, _) = await SeedAsync(condition);
        using var client = host.Client(ApiHost.Token);

        var response = await client.PostAsJsonAsync($"/api/certificaterequests/{ns}/web-1/{verb}", new { reason = "Again" });

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Contains($"is already {condition}", (string?)JsonNode.Parse(await response.Content.ReadAsStringAsync())!["message"]);
        Assert.Empty(await OutboxAsync<CertificateRequestApproved>(m => m.Namespace == ns));
        Assert.Empty(await OutboxAsync<CertificateRequestDenied>(m => m.Namespace == ns));
    }

    /// <summary>Request <c>web-1</c> as Issuing leaves it: pending, naming its issuance, decided when <paramref name="condition"/> is given.</summary>
    async Task<(string Namespace, Guid IssuanceId)> SeedAsync(string? condition = null)
    {
        var ns = "approval-" + Guid.NewGuid().ToString("N")[..8];
        var issuanceId = Guid.NewGuid();
        var now = DateTimeOffset.UtcNow;
        var request = new CertificateRequest
        {
            Metadata = new ObjectMeta
            {
                Namespace = ns, Name = "web-1", Uid = Guid.NewGuid(), CreationTimestamp = now,
                Annotations = new Dictionary<string, string> { ["certmesh.io/issuance-id"] = issuanceId.ToString() },
            },
            Spec = new CertificateRequestSpec { IssuerRef = new() { Name = "ca" } },
            Status = new CertificateRequestStatus
            {
                Conditions = condition is null
                    ? [new Condition { Type = "Ready", Status = "False", Reason = "Pending", LastTransitionTime = now }]
                    : [new Condition { Type = condition, Status = "True", Reason = "Test", LastTransitionTime = now }],
            },
        };
        await using var unit = await host.Database.BeginAsync(CancellationToken.None);
        await unit.Resources.CreateAsync(new ResourceKey(ResourceKinds.CertificateRequest, ns, "web-1"), request.Metadata.Uid, request, null, CancellationToken.None);
        await unit.CommitAsync(CancellationToken.None);
        return (ns, issuanceId);
    }

    async Task<IReadOnlyList<T>> OutboxAsync<T>(Func<T, bool> mine)
    {
        await using var unit = await host.Database.BeginAsync(CancellationToken.None);
        await using var command = unit.Command("SELECT body::text FROM outbox WHERE message_type = @type ORDER BY id");
        command.Parameters.AddWithValue("type", MessageTypeName.Of(typeof(T)));
        var rows = new List<T>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            var message = JsonSerializer.Deserialize<T>(reader.GetString(0), Json.Options)!;
            if (mine(message))
                rows.Add(message);
        }
        return rows;
    }
}
