using System.Text;
using System.Text.Json.Nodes;
using CertMesh.Api.Auth;
using CertMesh.Api.Manifests;
using CertMesh.Domain.Authorization;
using CertMesh.Domain.Resources;
using CertMesh.Persistence.Database;
using CertMesh.Persistence.Resources;
using CertMesh.Pki;

namespace CertMesh.Api.Endpoints;

/// <summary><c>certmesh status certificate</c>: the certificate, its current request, its Secret's certificate, and events.</summary>
internal static class StatusEndpoints
{
    public static void MapStatusEndpoints(this WebApplication app)
    {
        app.MapGet("/api/status/certificate/{namespace}/{name}", async (string @namespace, string name, HttpContext context, CertMeshDatabase database, CancellationToken cancellationToken) =>
        {
            if (context.Refuse(Verbs.Get, ResourceKinds.Certificate, @namespace, name) is { } refused)
                return refused;
            var body = await database.RunAsync(unit => DescribeAsync(unit, @namespace, name, cancellationToken), cancellationToken);
            return body is null ? ResourceEndpoints.NotFound(ResourceKinds.Certificate, name) : Results.Text(body.ToJsonString(PrintJson.Indented), "application/json");
        });
    }

    static async Task<JsonObject?> DescribeAsync(UnitOfWork unit, string @namespace, string name, CancellationToken cancellationToken)
    {
        var key = new ResourceKey(ResourceKinds.Certificate, @namespace, name);
        var stored = await unit.Resources.GetAsync<Certificate>(key, cancellationToken);
        if (stored is null)
            return null;
        var certificate = stored.Document;
        // The request in flight, else the one that last failed (the next revision), else the one issued.
        var revision = certificate.Status.IssuingRevision
            ?? (certificate.Status.LastFailureTime is not null ? (certificate.Status.Revision ?? 0) + 1 : certificate.Status.Revision);
        CertificateRequest? request = null;
        if (revision is { } r)
            request = (await unit.Resources.GetAsync<CertificateRequest>(new ResourceKey(ResourceKinds.CertificateRequest, @namespace, $"{name}-{r}"), cancellationToken))?.Document;

        var body = new JsonObject
        {
            ["certificate"] = ResourcePrinter.ToJson(certificate),
            ["request"] = request is null ? null : ResourcePrinter.ToJson(request),
            ["secret"] = await DescribeSecretAsync(unit, @namespace, certificate.Spec.SecretName, cancellationToken),
            ["events"] = await EventsAsync(unit, key, cancellationToken),
        };
        if (request is not null)
            await DescribeAcmeAsync(unit, body, request, cancellationToken);
        return body;
    }

    /// <summary>For an ACME issuer: the request's Order and its Challenges, each with its own events (the ACME journey).</summary>
    static async Task DescribeAcmeAsync(UnitOfWork unit, JsonObject body, CertificateRequest request, CancellationToken cancellationToken)
    {
        var @namespace = request.Metadata.Namespace;
        var order = (await unit.Resources.ListAsync<Order>(ResourceKinds.Order, @namespace, cancellationToken))
            .Select(o => o.Document)
            .Where(o => o.Spec.CertificateRequestName == request.Metadata.Name)
            // A failed attempt is retried under the same request name, each attempt with its own Order: show the latest.
            .MaxBy(o => o.Metadata.CreationTimestamp);
        if (order is null)
            return;
        var orderJson = ResourcePrinter.ToJson(order);
        orderJson["events"] = await EventsAsync(unit, new ResourceKey(ResourceKinds.Order, @namespace, order.Metadata.Name), cancellationToken);
        body["order"] = orderJson;

        var challenges = new JsonArray();
        foreach (var challenge in (await unit.Resources.ListAsync<Challenge>(ResourceKinds.Challenge, @namespace, cancellationToken))
                     .Select(c => c.Document)
                     .Where(c => c.Spec.OrderName == order.Metadata.Name)
                     .OrderBy(c => c.Spec.DnsName, StringComparer.Ordinal))
        {
            var challengeJson = ResourcePrinter.ToJson(challenge);
            challengeJson["events"] = await EventsAsync(unit, new ResourceKey(ResourceKinds.Challenge, @namespace, challenge.Metadata.Name), cancellationToken);
            challenges.Add(challengeJson);
        }
        body["challenges"] = challenges;
    }

    static async Task<JsonArray> EventsAsync(UnitOfWork unit, ResourceKey key, CancellationToken cancellationToken)
    {
        var events = new JsonArray();
        foreach (var e in await unit.Events.ListAsync(key, cancellationToken))
            events.Add(new JsonObject { ["type"] = e.Type, ["reason"] = e.Reason, ["message"] = e.Message, ["time"] = PrintJson.Time(e.Time) });
        return events;
    }

    static async Task<JsonObject> DescribeSecretAsync(UnitOfWork unit, string @namespace, string secretName, CancellationToken cancellationToken)
    {
        var secret = await unit.Secrets.GetAsync(@namespace, secretName, cancellationToken);
        var node = new JsonObject { ["name"] = secretName, ["exists"] = secret is not null };
        if (secret is null || !secret.Document.Data.TryGetValue(SecretKeys.TlsCrt, out var crt))
            return node;
        try
        {
            using var leaf = Pem.ParseCertificates(Encoding.UTF8.GetString(crt))[0];
            var details = CertificateInspector.Inspect(leaf);
            node["notBefore"] = PrintJson.Time(details.NotBefore);
            node["notAfter"] = PrintJson.Time(details.NotAfter);
            node["serialNumber"] = details.SerialNumber;
            node["dnsNames"] = new JsonArray(details.DnsNames.Select(n => (JsonNode)JsonValue.Create(n)!).ToArray());
            node["issuer"] = leaf.Issuer;
            node["subject"] = leaf.Subject;
        }
        catch (PkiException exception)
        {
            node["error"] = exception.Message;
        }
        return node;
    }
}
