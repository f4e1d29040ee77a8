using System.Net.Http.Headers;
using System.Reflection;
using System.Security.Cryptography;
using CertMesh.Api;
using CertMesh.Api.Endpoints;
using CertMesh.Api.Limits;
using CertMesh.Contracts;
using CertMesh.Persistence.Database;
using CertMesh.Persistence.Messaging;
using CertMesh.Persistence.Secrets;
using CertMesh.Testing;
using MassTransit;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Npgsql;
using Xunit;

namespace CertMesh.Api.Tests.Support;

/// <summary>
/// The Api's apply, resource, secret, status and approval endpoints on a real Kestrel (127.0.0.1, a free port) over a scratch
/// database on the real PostgreSQL, twice: once with an API token configured, once without. There is no bus here, so
/// manifests under test hold Secrets and Issuers, never Certificates; a test that needs a Certificate writes it (and
/// what the services would have made of it) straight into <see cref="Database"/>.
/// </summary>
public sealed class ApiHost : IAsyncLifetime
{
    public const string Token = "api-tests-token";

    private string? databaseName;
    private NpgsqlDataSource? dataSource;
    private WebApplication? withToken;
    private WebApplication? withoutToken;

    public CertMeshDatabase Database { get; private set; } = null!;

    /// <summary>The Api configured with <see cref="Token"/>; requests carry <paramref name="bearer"/> when given.</summary>
    public HttpClient Client(string? bearer = null) => ClientOf(withToken!, bearer);

    /// <summary>The Api with no token configured: secret material is off.</summary>
    public HttpClient ClientWithoutConfiguredToken(string? bearer = null) => ClientOf(withoutToken!, bearer);

    public async Task InitializeAsync()
    {
        var (name, connectionString) = await ScratchDatabase.CreateAsync("certmesh_api_");
        databaseName = name;
        dataSource = NpgsqlDataSource.Create(connectionString);
        await Schema.EnsureAsync(dataSource, CancellationToken.None);
        Database = new CertMeshDatabase(dataSource, new SecretCipher(RandomNumberGenerator.GetBytes(32)), new OutboxSignal(), TimeProvider.System);
        withToken = await StartAsync(Token);
        withoutToken = await StartAsync(null);
    }

    private async Task<WebApplication> StartAsync(string? token)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        builder.Services.AddSingleton(Database);
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddSingleton(DispatchProxy.Create<IRequestClient<IssueCertificate>, NoBus>());
        builder.Services.AddApiEndpointServices(new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["CERTMESH_API_TOKEN"] = token })
            .Build());
        var app = builder.Build();
        app.UseRequestBodyLimit();
        app.MapApplyEndpoints();
        app.MapResourceEndpoints();
        app.MapSecretEndpoints();
        app.MapStatusEndpoints();
        app.MapApprovalEndpoints();
        await app.StartAsync();
        return app;
    }

    private static HttpClient ClientOf(WebApplication app, string? bearer)
    {
        var client = new HttpClient { BaseAddress = new Uri(app.Urls.First()), Timeout = TimeSpan.FromSeconds(30) };
        if (bearer is not null) client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", bearer);
        return client;
    }

    public async Task DisposeAsync()
    {
        foreach (var app in new[] { withToken, withoutToken })
            if (app is not null)
                await app.DisposeAsync();
        if (dataSource is not null) await dataSource.DisposeAsync();
        if (databaseName is not null) await ScratchDatabase.DropAsync(databaseName);
    }

    /// <summary>Stands in for Trigger's request client: these tests apply no Certificates.</summary>
    public class NoBus : DispatchProxy
    {
        protected override object? Invoke(MethodInfo? targetMethod, object?[]? args) =>
            throw new InvalidOperationException("the Api tests run without a bus: apply no Certificates here");
    }
}
