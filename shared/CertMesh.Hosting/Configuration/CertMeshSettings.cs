using Microsoft.Extensions.Configuration;

namespace CertMesh.Hosting.Configuration;

/// <summary>Where the state and the bus are; read from environment variables with loopback defaults.</summary>
public sealed record CertMeshSettings
{
    public string Postgres { get; init; } = "Host=127.0.0.1;Port=5433;Username=certmesh;Password=certmesh;Database=certmesh";
    public Uri RabbitMq { get; init; } = new("rabbitmq://127.0.0.1:5673");
    public string RabbitMqUser { get; init; } = "guest";
    public string RabbitMqPassword { get; init; } = "guest";
    public string? SecretKey { get; init; }
    public int Concurrency { get; init; } = 16;

    public static CertMeshSettings From(IConfiguration configuration)
    {
        var defaults = new CertMeshSettings();
        return new CertMeshSettings
        {
            Postgres = configuration["CERTMESH_POSTGRES"] ?? defaults.Postgres,
            RabbitMq = configuration["CERTMESH_RABBITMQ"] is { } uri ? new Uri(uri) : defaults.RabbitMq,
            RabbitMqUser = configuration["CERTMESH_RABBITMQ_USER"] ?? defaults.RabbitMqUser,
            RabbitMqPassword = configuration["CERTMESH_RABBITMQ_PASSWORD"] ?? defaults.RabbitMqPassword,
            SecretKey = configuration["CERTMESH_SECRET_KEY"],
            Concurrency = int.TryParse(configuration["CERTMESH_CONCURRENCY"], out var concurrency) && concurrency > 0 ? concurrency : defaults.Concurrency,
        };
    }
}
