namespace CertMesh.Client.Configuration;

/// <summary>
/// <c>CertMesh:RabbitMq</c>: the broker CertMesh listens on, and the application's OWN user. Its permissions allow
/// queues and exchanges named <c>&lt;user&gt;.…</c>, the public commands and the public events, nothing else; CertMesh
/// authorizes the commands by that user (RabbitMQ's verified <c>user_id</c>).
/// </summary>
public sealed class CertMeshRabbitMqOptions
{
    /// <summary>Host name or address of the broker.</summary>
    public string Host { get; set; } = "localhost";

    /// <summary>AMQP port.</summary>
    public int Port { get; set; } = 5672;

    /// <summary>Virtual host CertMesh runs in.</summary>
    public string VirtualHost { get; set; } = "/";

    /// <summary>The application's RabbitMQ user; lower-case letters, digits and '-'.</summary>
    public string Username { get; set; } = "";

    /// <summary>Its password (from a secret store or the environment, not from appsettings.json in a repository).</summary>
    public string Password { get; set; } = "";
}
