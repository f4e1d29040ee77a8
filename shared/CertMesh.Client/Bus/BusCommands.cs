using CertMesh.Client.Configuration;
using CertMesh.Client.Lifecycle;
using CertMesh.Contracts;
using MassTransit;
using Microsoft.Extensions.Options;

namespace CertMesh.Client.Bus;

/// <summary>The commands over the client's bus: IssueCertificate as request/response, RenewCertificate published.</summary>
internal sealed class BusCommands(ICertMeshBus bus, IOptions<CertMeshOptions> options) : ICertMeshCommands
{
    public async Task<IssueOutcome> IssueAsync(IssueCertificate command, CancellationToken cancellationToken)
    {
        var timeout = options.Value.RequestTimeout;
        var client = bus.CreateRequestClient<IssueCertificate>(RequestTimeout.After(ms: (int)timeout.TotalMilliseconds));
        try
        {
            var response = await client.GetResponse<IssueCertificateAccepted, IssueCertificateRejected>(command, cancellationToken);
            if (response.Is(out Response<IssueCertificateAccepted>? accepted))
            {
                return IssueOutcome.From(accepted.Message);
            }
            return response.Is(out Response<IssueCertificateRejected>? rejected)
                ? IssueOutcome.From(rejected.Message)
                : throw new InvalidOperationException($"unexpected answer {response.Message.GetType().Name}");
        }
        catch (RequestTimeoutException exception)
        {
            throw new TimeoutException(
                $"CertMesh did not answer IssueCertificate for {command.Namespace}/{command.Name} within {timeout} " +
                $"({CertMeshOptions.SectionName}:RequestTimeout): is CertMesh's Trigger running on this broker and virtual host?", exception);
        }
    }

    public Task RenewAsync(string @namespace, string name, CancellationToken cancellationToken) =>
        bus.Publish(new RenewCertificate { Namespace = @namespace, Name = name }, cancellationToken);
}
