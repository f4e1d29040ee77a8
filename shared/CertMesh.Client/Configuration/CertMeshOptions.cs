namespace CertMesh.Client.Configuration;

/// <summary>
/// The <c>CertMesh</c> configuration section: how the application reaches CertMesh and which certificates it keeps.
/// </summary>
public sealed class CertMeshOptions
{
    /// <summary>The configuration section <c>AddCertMesh(configuration)</c> binds.</summary>
    public const string SectionName = "CertMesh";

    /// <summary>The broker and the application's own RabbitMQ user (made with <c>add-app-user.sh</c>).</summary>
    public CertMeshRabbitMqOptions RabbitMq { get; set; } = new();

    /// <summary>The certificates this application keeps, by a local name used in <c>UseCertMeshHttps(name)</c>.</summary>
    public Dictionary<string, CertMeshCertificateOptions> Certificates { get; set; } = new(StringComparer.Ordinal);

    /// <summary>
    /// Where keys, CSRs and issued chains are kept (a directory per certificate, 0700; files 0600). Default:
    /// <c>$XDG_DATA_HOME</c> (or <c>~/.local/share</c>) <c>/certmesh/&lt;application name&gt;</c>.
    /// </summary>
    public string? StorePath { get; set; }

    /// <summary>
    /// The application's receive endpoint; it must start with <c>&lt;RabbitMq.Username&gt;.</c> (the only queues the
    /// user may declare). Default <c>&lt;user&gt;.certmesh-client-&lt;application name&gt;</c>. Durable, so events
    /// published while the application is down are delivered when it is back.
    /// </summary>
    public string? QueueName { get; set; }

    /// <summary>How long start-up waits for a first certificate before it fails (Kestrel listens only after).</summary>
    public TimeSpan StartupTimeout { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>How long an <c>IssueCertificate</c> request waits for CertMesh's answer.</summary>
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(30);
}
