using CertMesh.Api.Bus;
using CertMesh.Contracts;
using CertMesh.Domain.Resources;
using MassTransit;

namespace CertMesh.Api.Endpoints;

/// <summary><c>certmesh renew</c> and delete: commands to Trigger, answered over the bus.</summary>
internal static class CertificateCommandEndpoints
{
    public static void MapCertificateCommandEndpoints(this WebApplication app)
    {
        app.MapPost("/api/certificates/{namespace}/{name}/renew", async (string @namespace, string name, IRequestClient<RenewCertificate> client, CancellationToken cancellationToken) =>
        {
            var response = await client.AskAsync<RenewCertificate, IssueCertificateAccepted, CertificateNotFound>(new RenewCertificate { Namespace = @namespace, Name = name }, cancellationToken);
            return response.Is(out Response<CertificateNotFound>? _)
                ? ResourceEndpoints.NotFound(ResourceKinds.Certificate, name)
                : Results.Json(new { @namespace, name, renewal = "triggered" });
        });

        app.MapDelete("/api/certificates/{namespace}/{name}", async (string @namespace, string name, IRequestClient<DeleteCertificate> client, CancellationToken cancellationToken) =>
        {
            var response = await client.AskAsync<DeleteCertificate, CertificateDeleted, CertificateNotFound>(new DeleteCertificate { Namespace = @namespace, Name = name }, cancellationToken);
            return response.Is(out Response<CertificateNotFound>? _)
                ? ResourceEndpoints.NotFound(ResourceKinds.Certificate, name)
                : Results.Json(new { @namespace, name, deleted = true });
        });
    }
}
