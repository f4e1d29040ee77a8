using System.Text;
using System.Text.Json;
using CertMesh.Contracts;
using CertMesh.Hosting.Bus;
using CertMesh.Integration.Tests.Support;
using MassTransit;
using RabbitMQ.Client;
using RabbitMQ.Client.Exceptions;
using Xunit;

namespace CertMesh.Integration.Tests.Access;

/// <summary>
/// Commands on the bus are authorized by the RabbitMQ user the broker verified (the user_id property): an application's
/// own user, made with add-app-user.sh and bound to role edit in one namespace, acts there and nowhere else; a forged
/// user_id never reaches Trigger; a message without one is refused; ClusterIssuers need a grant.
/// </summary>
[Collection(StackCollection.Name)]
public sealed class BusIdentityTests(StackFixture stack)
{
    /// <summary>How long a change to principals, bindings or grants takes to reach Trigger (its access cache's refresh).</summary>
    static readonly TimeSpan Propagation = TimeSpan.FromSeconds(2.5);

    const string UserA = "it-app-a";
    const string TeamA = "it-team-a";
    const string TeamB = "it-team-b";
    static Task<string>? _userA;

    /// <summary>User A once per run: its RabbitMQ user (the script), its principal and its binding (edit in TeamA).</summary>
    Task<string> UserAAsync() => _userA ??= CreateUserAAsync();

    async Task<string> CreateUserAAsync()
    {
        // As the README has an operator do it: the script makes the RabbitMQ user, an admin applies what it printed.
        var (password, yaml) = await AppUsers.CreateAsync(UserA, TeamA);
        await stack.ApplyAsync(yaml);
        await Task.Delay(Propagation);
        return password;
    }

    [Fact]
    public async Task ReadmeApplication_OwnUser_IssuesInItsNamespace_ForbiddenInAnother()
    {
        await using var app = await ReadmeApplication.StartAsync(UserA, await UserAAsync());
        var client = app.Bus.CreateRequestClient<IssueCertificate>();

        var accepted = await client.GetResponse<IssueCertificateAccepted, IssueCertificateRejected>(Commands.Issue(TeamA, "web"));
        var refused = await client.GetResponse<IssueCertificateAccepted, IssueCertificateRejected>(Commands.Issue(TeamB, "web"));

        Assert.True(accepted.Is(out Response<IssueCertificateAccepted>? _), "the command in its own namespace is accepted");
        await stack.WaitForIssuedAsync(TeamA, "web");
        // Its own subscription (bound from the public event exchange) sees it too.
        await app.Events.WaitForIssuedAsync(TeamA, "web");
        Assert.True(refused.Is(out Response<IssueCertificateRejected>? rejected));
        var error = Assert.Single(rejected.Message.Errors);
        Assert.Equal("metadata.namespace", error.Field);
        Assert.StartsWith($"Forbidden: RabbitMQ user \"{UserA}\" (principal \"{UserA}\") cannot apply Certificate in namespace \"{TeamB}\"", error.Message);
        // Another test keeps a Certificate of its own in TeamB; nothing of this one is there.
        Assert.Equal(0L, await CountAsync("resources", TeamB, "web"));
        Assert.Equal(0L, await CountAsync("resource_events", TeamB, "web"));
    }

    [Fact]
    public async Task RenewAndDelete_OtherNamespace_CommandForbidden_CertificateUntouched()
    {
        // The Certificate exists in TeamB (applied by the test's system user); user A may not touch it.
        var existing = await stack.Bus.CreateRequestClient<IssueCertificate>()
            .GetResponse<IssueCertificateAccepted, IssueCertificateRejected>(Commands.Issue(TeamB, "kept"));
        Assert.True(existing.Is(out Response<IssueCertificateAccepted>? _));
        await stack.WaitForIssuedAsync(TeamB, "kept");
        await using var app = await ReadmeApplication.StartAsync(UserA, await UserAAsync());

        var renew = await app.Bus.CreateRequestClient<RenewCertificate>()
            .GetResponse<IssueCertificateAccepted, CertificateNotFound, CommandForbidden>(new RenewCertificate { Namespace = TeamB, Name = "kept" });
        var delete = await app.Bus.CreateRequestClient<DeleteCertificate>()
            .GetResponse<CertificateDeleted, CertificateNotFound, CommandForbidden>(new DeleteCertificate { Namespace = TeamB, Name = "kept" });

        Assert.True(renew.Is(out Response<CommandForbidden>? renewRefused));
        Assert.Contains($"cannot renew Certificate in namespace \"{TeamB}\"", renewRefused.Message.Message);
        Assert.True(delete.Is(out Response<CommandForbidden>? deleteRefused));
        Assert.Contains($"cannot delete Certificate in namespace \"{TeamB}\"", deleteRefused.Message.Message);
        await Task.Delay(TimeSpan.FromSeconds(2));
        Assert.Equal(1, await stack.ScalarAsync<int>(
            "SELECT (doc->'status'->>'revision')::int FROM resources WHERE kind = 'Certificate' AND namespace = @ns AND name = 'kept'", ("ns", TeamB)));
        Assert.Single(stack.Events.IssuedFor(TeamB, "kept"));
    }

    [Fact]
    public async Task Publish_ForgedUserId_BrokerClosesChannel406_TriggerNeverSeesIt()
    {
        await using var connection = await ConnectAsUserAAsync();

        // User A claims to be the services' own user (an admin in CertMesh): the broker refuses the message.
        await using var forgedChannel = await connection.CreateChannelAsync(new CreateChannelOptions(true, true));
        var forged = await Assert.ThrowsAnyAsync<Exception>(() => PublishRawAsync(forgedChannel, "guest", Commands.Issue(TeamA, "forged")));
        // The same bytes under its own name are accepted: only the user_id made the difference.
        await using var genuineChannel = await connection.CreateChannelAsync(new CreateChannelOptions(true, true));
        await PublishRawAsync(genuineChannel, UserA, Commands.Issue(TeamA, "genuine"));

        Assert.True(forged is AlreadyClosedException or OperationInterruptedException or RabbitMQ.Client.Exceptions.PublishException, forged.ToString());
        Assert.Equal((ushort)406, forgedChannel.CloseReason?.ReplyCode);
        Assert.Contains("user_id", forgedChannel.CloseReason?.ReplyText);
        await stack.WaitForIssuedAsync(TeamA, "genuine");
        Assert.Equal(0L, await stack.ScalarAsync<long>(
            "SELECT count(*) FROM resources WHERE namespace = @ns AND name LIKE 'forged%'", ("ns", TeamA)));
        Assert.Equal(0L, await stack.ScalarAsync<long>(
            "SELECT count(*) FROM resource_events WHERE namespace = @ns AND name LIKE 'forged%'", ("ns", TeamA)));
    }

    [Fact]
    public async Task Publish_UnreadableCommandFromAppUser_MovedToErrorQueue_TriggerKeepsServing()
    {
        await using var connection = await ConnectAsUserAAsync();
        var before = await ErrorQueueDepthAsync();

        // Trigger cannot read it, so MassTransit moves it aside with its properties, user A's user_id included: only
        // because the services' user may impersonate does the broker take that copy instead of closing the channel.
        await using (var channel = await connection.CreateChannelAsync(new CreateChannelOptions(true, true)))
        {
            var properties = new BasicProperties { UserId = UserA, ContentType = "application/vnd.masstransit+json", MessageId = NewId.NextGuid().ToString() };
            await channel.BasicPublishAsync("CertMesh.Contracts:IssueCertificate", "", true, properties, Encoding.UTF8.GetBytes("{not json"));
        }
        await Eventually.UntilAsync(ErrorQueueDepthAsync, depth => depth > before, TimeSpan.FromSeconds(30), "the unreadable command in issue-certificate_error");
        await using var app = await ReadmeApplication.StartAsync(UserA, await UserAAsync());
        var after = await app.Bus.CreateRequestClient<IssueCertificate>()
            .GetResponse<IssueCertificateAccepted, IssueCertificateRejected>(Commands.Issue(TeamA, "after-unreadable"));

        Assert.True(after.Is(out Response<IssueCertificateAccepted>? _));
    }

    /// <summary>Messages in Trigger's error queue for IssueCertificate (0 before it exists), as the test's system user sees it.</summary>
    static async Task<long> ErrorQueueDepthAsync()
    {
        var factory = new ConnectionFactory
        {
            HostName = TestEnvironment.RabbitMq.Host,
            Port = TestEnvironment.RabbitMq.Port,
            VirtualHost = AppUsers.VirtualHost,
            UserName = TestEnvironment.RabbitMqUser,
            Password = TestEnvironment.RabbitMqPassword,
        };
        await using var connection = await factory.CreateConnectionAsync();
        await using var channel = await connection.CreateChannelAsync();
        try
        {
            return (await channel.QueueDeclarePassiveAsync("issue-certificate_error")).MessageCount;
        }
        catch (OperationInterruptedException exception) when (exception.ShutdownReason?.ReplyCode == 404)
        {
            return 0;
        }
    }

    [Fact]
    public async Task Request_WithoutUserId_ForbiddenEvenForTheSystemUser()
    {
        // guest is an admin in CertMesh, but a message that does not carry user_id proves no sender at all.
        var bus = MassTransit.Bus.Factory.CreateUsingRabbitMq(cfg => cfg.Host(TestEnvironment.RabbitMq, h =>
        {
            h.Username(TestEnvironment.RabbitMqUser);
            h.Password(TestEnvironment.RabbitMqPassword);
        }));
        await bus.StartAsync(new CancellationTokenSource(TimeSpan.FromSeconds(60)).Token);
        try
        {
            var issue = await bus.CreateRequestClient<IssueCertificate>()
                .GetResponse<IssueCertificateAccepted, IssueCertificateRejected>(Commands.Issue("it-no-user", "anonymous"));
            var delete = await bus.CreateRequestClient<DeleteCertificate>()
                .GetResponse<CertificateDeleted, CertificateNotFound, CommandForbidden>(new DeleteCertificate { Namespace = "it-no-user", Name = "anonymous" });

            Assert.True(issue.Is(out Response<IssueCertificateRejected>? rejected));
            var error = Assert.Single(rejected.Message.Errors);
            Assert.Equal("metadata.namespace", error.Field);
            Assert.Equal("Forbidden: the message carries no user_id: RabbitMQ verifies it only when it is set", error.Message);
            Assert.True(delete.Is(out Response<CommandForbidden>? _));
            Assert.Equal(0L, await CountAsync("resources", "it-no-user", "anonymous"));
        }
        finally
        {
            await bus.StopAsync();
        }
    }

    [Fact]
    public async Task Issue_ClusterIssuerNotGranted_RejectedNamingBoth_ThenGrantedAccepted()
    {
        const string Namespace = "it-grants";
        var client = stack.Bus.CreateRequestClient<IssueCertificate>();
        using var admin = stack.ApiClient();
        (await admin.DeleteAsync("/api/resources/ClusterIssuerGrant/_/tests-everything")).EnsureSuccessStatusCode();
        try
        {
            await Task.Delay(Propagation);
            var refused = await client.GetResponse<IssueCertificateAccepted, IssueCertificateRejected>(Commands.Issue(Namespace, "app"));

            await stack.ApplyAsync($$"""
                apiVersion: auth.certmesh.io/v1
                kind: ClusterIssuerGrant
                metadata: {name: it-grants-ca}
                spec: {clusterIssuers: [{{StackFixture.CaIssuer}}], namespaces: [{{Namespace}}]}
                """);
            await Task.Delay(Propagation);
            var accepted = await client.GetResponse<IssueCertificateAccepted, IssueCertificateRejected>(Commands.Issue(Namespace, "app"));
            var otherIssuer = await client.GetResponse<IssueCertificateAccepted, IssueCertificateRejected>(Commands.Issue(Namespace, "other", StackFixture.SelfSignedIssuer));

            Assert.True(refused.Is(out Response<IssueCertificateRejected>? rejected));
            var error = Assert.Single(rejected.Message.Errors);
            Assert.Equal("spec.issuerRef.name", error.Field);
            Assert.StartsWith($"Forbidden: namespace \"{Namespace}\" may not use ClusterIssuer \"{StackFixture.CaIssuer}\"", error.Message);
            Assert.True(accepted.Is(out Response<IssueCertificateAccepted>? _));
            await stack.WaitForIssuedAsync(Namespace, "app");
            // The grant names one ClusterIssuer: the others stay refused.
            Assert.True(otherIssuer.Is(out Response<IssueCertificateRejected>? _));

            // Taking the grant back stops renewals too: Issuing checks it again before it signs.
            (await admin.DeleteAsync("/api/resources/ClusterIssuerGrant/_/it-grants-ca")).EnsureSuccessStatusCode();
            await Task.Delay(Propagation);
            await stack.Bus.Publish(new RenewCertificate { Namespace = Namespace, Name = "app" });
            await stack.Events.WaitUntilAsync(() => stack.Events.Failed.Any(f => f.Message.Namespace == Namespace && f.Message.Name == "app"), TimeSpan.FromSeconds(30), "the refused renewal");
            var refusedRenewal = stack.Events.Failed.Single(f => f.Message.Namespace == Namespace && f.Message.Name == "app").Message;
            Assert.Equal("Forbidden", refusedRenewal.Reason);
            Assert.Contains($"namespace \"{Namespace}\" may not use ClusterIssuer \"{StackFixture.CaIssuer}\"", refusedRenewal.Message);
            Assert.Single(stack.Events.IssuedFor(Namespace, "app"));
        }
        finally
        {
            await stack.ApplyAsync(AccessYaml.GrantAllClusterIssuers);
            await Task.Delay(Propagation);
        }
    }

    /// <summary>A bare RabbitMQ.Client connection as user A, to publish what MassTransit would not.</summary>
    async Task<IConnection> ConnectAsUserAAsync()
    {
        var factory = new ConnectionFactory
        {
            HostName = TestEnvironment.RabbitMq.Host,
            Port = TestEnvironment.RabbitMq.Port,
            VirtualHost = AppUsers.VirtualHost,
            UserName = UserA,
            Password = await UserAAsync(),
        };
        return await factory.CreateConnectionAsync();
    }

    /// <summary>An IssueCertificate as MassTransit frames it, published straight on the command exchange.</summary>
    static async Task PublishRawAsync(IChannel channel, string userId, IssueCertificate command)
    {
        var envelope = new
        {
            messageId = NewId.NextGuid(),
            messageType = new[] { "urn:message:CertMesh.Contracts:IssueCertificate" },
            message = command,
        };
        var body = Encoding.UTF8.GetBytes(JsonSerializer.Serialize(envelope, new JsonSerializerOptions(JsonSerializerDefaults.Web)));
        var properties = new BasicProperties { UserId = userId, ContentType = "application/vnd.masstransit+json", Persistent = true };
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await channel.BasicPublishAsync("CertMesh.Contracts:IssueCertificate", "", true, properties, body, timeout.Token);
    }

    Task<long> CountAsync(string table, string @namespace, string name) =>
        stack.ScalarAsync<long>($"SELECT count(*) FROM {table} WHERE namespace = @ns AND name = @name", ("ns", @namespace), ("name", name));
}
