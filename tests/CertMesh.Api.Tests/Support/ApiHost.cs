using System.Net.Http.Headers;
using System.Reflection;
using System.Security.Cryptography;
using System.Text;
using CertMesh.Api.Auth;
using CertMesh.Domain.Authorization;
using CertMesh.Hosting.Authorization;
using CertMesh.Hosting.Configuration;
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
/// The Api's apply, resource, secret, status, approval and access endpoints on a real Kestrel (127.0.0.1, a free port) over a scratch
/// database on the real PostgreSQL, with <see cref="Token"/> as its bootstrap admin's token. There is no bus here, so
/// manifests under test hold Secrets and Issuers, never Certificates; a test that needs a Certificate writes it (and
/// what the services would have made of it) straight into <see cref="Database"/>.
/// </summary>
public sealed class ApiHost : IAsyncLifetime
{
    public const string Token = "api-tests-token";

    private string? databaseName;
    private NpgsqlDataSource? dataSource;
    private WebApplication? app;

    public CertMeshDatabase Database { get; private set; } = null!;

    /// <summary>A client sending <paramref name="bearer"/> (the bootstrap admin's by default; null sends none).</summary>
    public HttpClient Client(string? bearer = Token) => ClientOf(app!, bearer);

    /// <summary>A new principal holding <paramref name="roles"/> (namespace null: a ClusterRoleBinding), applied through
    /// the Api by the admin as a user would; returns its token.</summary>
    public async Task<string> PrincipalAsync(string name, params (string Role, string? Namespace)[] roles)
    {
        var token = TokenHash.NewToken();
        var yaml = new StringBuilder(AccessYaml.Principal(name, TokenHash.Of(token)));
        var index = 0;
        foreach (var (role, ns) in roles)
            yaml.Append(AccessYaml.Binding($"{name}-{index++}", role, ns, name));
        using var admin = Client();
        using var response = await admin.PostAsync("/api/apply", new StringContent(yaml.ToString(), Encoding.UTF8, "application/yaml"));
        if (!response.IsSuccessStatusCode)
            throw new InvalidOperationException($"applying principal {name} failed: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return token;
    }

    public async Task InitializeAsync()
    {
        var (name, connectionString) = await ScratchDatabase.CreateAsync("certmesh_api_");
        databaseName = name;
        dataSource = NpgsqlDataSource.Create(connectionString);
        await Schema.EnsureAsync(dataSource, CancellationToken.None);
        Database = new CertMeshDatabase(dataSource, new SecretCipher(RandomNumberGenerator.GetBytes(32)), new OutboxSignal(), TimeProvider.System);
        app = await StartAsync(Token);
    }

    private async Task<WebApplication> StartAsync(string token)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        builder.Services.AddSingleton(Database);
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddSingleton(DispatchProxy.Create<IRequestClient<IssueCertificate>, NoBus>());
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["CERTMESH_API_TOKEN"] = token })
            .Build();
        builder.Services.AddSingleton(AccessOptions.From(configuration, CertMeshSettings.From(configuration)));
        builder.Services.AddSingleton<AccessCache>();
        builder.Services.AddApiEndpointServices(configuration);
        var app = builder.Build();
        app.UseApiAuthentication();
        app.UseRequestBodyLimit();
        app.MapApplyEndpoints();
        app.MapResourceEndpoints();
        app.MapSecretEndpoints();
        app.MapStatusEndpoints();
        app.MapAuthEndpoints();
        app.MapAuditEndpoints();
        app.MapResourceDeleteEndpoints();
        app.MapApprovalEndpoints();
        app.MapHealthEndpoints();
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
