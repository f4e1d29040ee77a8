using Microsoft.Extensions.Options;

namespace CertMesh.Client.Configuration;

/// <summary>
/// Checks the <c>CertMesh</c> section before the application starts, collecting every problem (not just the first),
/// each named by its configuration path, so a typo fails start-up with the field to fix instead of a vague bus error
/// later. What only CertMesh knows (does the issuer exist? is the user granted?) is checked by CertMesh itself: its
/// <c>IssueCertificateRejected</c> fails start-up the same way (see <c>CertificateStartup</c>).
/// </summary>
internal sealed class CertMeshOptionsValidator : IValidateOptions<CertMeshOptions>
{
    public ValidateOptionsResult Validate(string? name, CertMeshOptions options)
    {
        var errors = new List<string>();
        ValidateConnection(options, errors);
        if (options.Certificates.Count == 0)
        {
            errors.Add($"{CertMeshOptions.SectionName}:Certificates: declare at least one certificate (in configuration or with AddCertMesh(configuration, o => o.Certificates.Add(...)))");
        }
        foreach (var (key, certificate) in options.Certificates)
        {
            CertificateOptionsRules.Validate($"{CertMeshOptions.SectionName}:Certificates:{key}", key, certificate, errors);
        }
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    static void ValidateConnection(CertMeshOptions options, List<string> errors)
    {
        const string prefix = CertMeshOptions.SectionName + ":RabbitMq";
        var rabbit = options.RabbitMq;
        if (string.IsNullOrWhiteSpace(rabbit.Host))
        {
            errors.Add($"{prefix}:Host: required");
        }
        if (rabbit.Port is < 1 or > 65535)
        {
            errors.Add($"{prefix}:Port: {rabbit.Port} is not a TCP port (1-65535)");
        }
        if (string.IsNullOrEmpty(rabbit.VirtualHost))
        {
            errors.Add($"{prefix}:VirtualHost: required (\"/\" for the default)");
        }
        if (string.IsNullOrEmpty(rabbit.Username))
        {
            errors.Add($"{prefix}:Username: required: the application's own RabbitMQ user (deploy/local/add-app-user.sh)");
        }
        else if (!NameSyntax.IsBusUser(rabbit.Username))
        {
            errors.Add($"{prefix}:Username: {NameSyntax.Quote(rabbit.Username)} is not an application user name (lower-case letters, digits and '-', at most 63)");
        }
        if (string.IsNullOrEmpty(rabbit.Password))
        {
            errors.Add($"{prefix}:Password: required");
        }
        if (options.QueueName is { } queue && !queue.StartsWith(rabbit.Username + ".", StringComparison.Ordinal))
        {
            errors.Add($"{CertMeshOptions.SectionName}:QueueName: {NameSyntax.Quote(queue)} must start with \"{rabbit.Username}.\" (the only queues RabbitMQ lets user {NameSyntax.Quote(rabbit.Username)} declare)");
        }
        if (options.StartupTimeout <= TimeSpan.Zero)
        {
            errors.Add($"{CertMeshOptions.SectionName}:StartupTimeout: must be positive");
        }
        if (options.RequestTimeout <= TimeSpan.Zero)
        {
            errors.Add($"{CertMeshOptions.SectionName}:RequestTimeout: must be positive");
        }
    }
}
