using CertMesh.Api.Auth;
using CertMesh.Api.Bus;
using CertMesh.Domain.Authorization;
using CertMesh.Contracts;
using CertMesh.Domain.Resources;
using CertMesh.Persistence.Audit;
using MassTransit;

namespace CertMesh.Api.Endpoints;

/// <summary><c>certmesh renew</c> and delete: commands to Trigger, answered over the bus.</summary>
internal static class CertificateCommandEndpoints
{
    public static void MapCertificateCommandEndpoints(this WebApplication app)
    {
        app.MapPost("/api/certificates/{namespace}/{name}/renew", async (string @namespace, string name, HttpContext context, IRequestClient<RenewCertificate> client, CancellationToken cancellationToken) =>
        {
            if (context.Refuse(Verbs.Renew, ResourceKinds.Certificate, @namespace, name) is { } refused)
                return refused;
            var response = await client.AskAsync<RenewCertificate, IssueCertificateAccepted, CertificateNotFound>(new RenewCertificate { Namespace = @namespace, Name = name }, context.Caller().Actor, cancellationToken);
            if (response.Is(out Response<CertificateNotFound>? _))
                return ResourceEndpoints.NotFound(ResourceKinds.Certificate, name);
            context.Audit(Verbs.Renew, ResourceKinds.Certificate, @namespace, name, AuditOutcomes.Allowed, "renewal triggered");
            return Results.Json(new { @namespace, name, renewal = "triggered" });
        });

        app.MapDelete("/api/certificates/{namespace}/{name}", async (string @namespace, string name, HttpContext context, IRequestClient<DeleteCertificate> client, CancellationToken cancellationToken) =>
        {
            if (context.Refuse(Verbs.Delete, ResourceKinds.Certificate, @namespace, name) is { } refused)
                return refused;
            var response = await client.AskAsync<DeleteCertificate, CertificateDeleted, CertificateNotFound>(new DeleteCertificate { Namespace = @namespace, Name = name }, context.Caller().Actor, cancellationToken);
            if (response.Is(out Response<CertificateNotFound>? _))
                return ResourceEndpoints.NotFound(ResourceKinds.Certificate, name);
            context.Audit(Verbs.Delete, ResourceKinds.Certificate, @namespace, name, AuditOutcomes.Allowed, "deleted");
            return Results.Json(new { @namespace, name, deleted = true });
        });
    }
}
