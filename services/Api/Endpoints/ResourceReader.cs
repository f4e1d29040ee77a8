using System.Text.Json.Nodes;
using CertMesh.Api.Issuers;
using CertMesh.Api.Manifests;
using CertMesh.Domain.Authorization;
using CertMesh.Domain.Approval;
using CertMesh.Domain.Resources;
using CertMesh.Persistence.Database;
using CertMesh.Persistence.Resources;

namespace CertMesh.Api.Endpoints;

/// <summary>Reads stored resources of any kind and prints them as kubectl does.</summary>
internal sealed class ResourceReader(IssuerStatusProjector issuers)
{
    public static readonly IReadOnlyList<string> Kinds =
        [ResourceKinds.Certificate, ResourceKinds.CertificateRequest, ResourceKinds.Issuer, ResourceKinds.ClusterIssuer, ResourceKinds.Order, ResourceKinds.Challenge, ResourceKinds.Secret,
         AuthKinds.Principal, AuthKinds.RoleBinding, AuthKinds.ClusterRoleBinding, AuthKinds.ClusterIssuerGrant, ResourceKinds.CertificateRequestPolicy, ResourceKinds.Namespace];

    public async Task<IReadOnlyList<JsonObject>> ListAsync(UnitOfWork unit, string kind, string? @namespace, CancellationToken cancellationToken)
    {
        if (RolePermissions.IsClusterScoped(kind))
            @namespace = ResourceKinds.ClusterNamespace;
        switch (kind)
        {
            case ResourceKinds.CertificateRequestPolicy:
                return (await unit.Resources.ListAsync<CertificateRequestPolicy>(kind, @namespace, cancellationToken)).Select(s => ResourcePrinter.ToJson(s.Document)).ToList();
            case ResourceKinds.Certificate:
                return (await unit.Resources.ListAsync<Certificate>(kind, @namespace, cancellationToken)).Select(s => ResourcePrinter.ToJson(s.Document)).ToList();
            case AuthKinds.Principal:
                return (await unit.Resources.ListAsync<Principal>(kind, @namespace, cancellationToken)).Select(s => ResourcePrinter.ToJson(s.Document)).ToList();
            case AuthKinds.RoleBinding or AuthKinds.ClusterRoleBinding:
                return (await unit.Resources.ListAsync<RoleBinding>(kind, @namespace, cancellationToken)).Select(s => ResourcePrinter.ToJson(s.Document)).ToList();
            case AuthKinds.ClusterIssuerGrant:
                return (await unit.Resources.ListAsync<ClusterIssuerGrant>(kind, @namespace, cancellationToken)).Select(s => ResourcePrinter.ToJson(s.Document)).ToList();
            case ResourceKinds.Namespace:
                return (await unit.Resources.ListAsync<Namespace>(kind, @namespace, cancellationToken)).Select(s => ResourcePrinter.ToJson(s.Document)).ToList();
            case ResourceKinds.CertificateRequest:
                return (await unit.Resources.ListAsync<CertificateRequest>(kind, @namespace, cancellationToken)).Select(s => ResourcePrinter.ToJson(s.Document)).ToList();
            case ResourceKinds.Order:
                return (await unit.Resources.ListAsync<Order>(kind, @namespace, cancellationToken)).Select(s => ResourcePrinter.ToJson(s.Document)).ToList();
            case ResourceKinds.Challenge:
                return (await unit.Resources.ListAsync<Challenge>(kind, @namespace, cancellationToken)).Select(s => ResourcePrinter.ToJson(s.Document)).ToList();
            case ResourceKinds.Issuer or ResourceKinds.ClusterIssuer:
                var list = new List<JsonObject>();
                foreach (var stored in await unit.Resources.ListAsync<Issuer>(kind, @namespace, cancellationToken))
                    list.Add(ResourcePrinter.ToJson(await issuers.ProjectAsync(unit, stored.Document, cancellationToken)));
                return list;
            case ResourceKinds.Secret:
                return (await unit.Secrets.ListMetadataAsync(@namespace, cancellationToken)).Select(ResourcePrinter.ToJson).ToList();
            default:
                return [];
        }
    }

    public async Task<JsonObject?> GetAsync(UnitOfWork unit, string kind, string @namespace, string name, CancellationToken cancellationToken)
    {
        if (RolePermissions.IsClusterScoped(kind))
            @namespace = ResourceKinds.ClusterNamespace;
        var key = new ResourceKey(kind, @namespace, name);
        switch (kind)
        {
            case AuthKinds.Principal:
                return await unit.Resources.GetAsync<Principal>(key, cancellationToken) is { } principal ? ResourcePrinter.ToJson(principal.Document) : null;
            case AuthKinds.RoleBinding or AuthKinds.ClusterRoleBinding:
                return await unit.Resources.GetAsync<RoleBinding>(key, cancellationToken) is { } binding ? ResourcePrinter.ToJson(binding.Document) : null;
            case AuthKinds.ClusterIssuerGrant:
                return await unit.Resources.GetAsync<ClusterIssuerGrant>(key, cancellationToken) is { } grant ? ResourcePrinter.ToJson(grant.Document) : null;
            case ResourceKinds.Namespace:
                return await unit.Resources.GetAsync<Namespace>(key, cancellationToken) is { } ns ? ResourcePrinter.ToJson(ns.Document) : null;
            case ResourceKinds.CertificateRequestPolicy:
                return await unit.Resources.GetAsync<CertificateRequestPolicy>(key, cancellationToken) is { } policy ? ResourcePrinter.ToJson(policy.Document) : null;
            case ResourceKinds.Certificate:
                return await unit.Resources.GetAsync<Certificate>(key, cancellationToken) is { } certificate ? ResourcePrinter.ToJson(certificate.Document) : null;
            case ResourceKinds.CertificateRequest:
                return await unit.Resources.GetAsync<CertificateRequest>(key, cancellationToken) is { } request ? ResourcePrinter.ToJson(request.Document) : null;
            case ResourceKinds.Order:
                return await unit.Resources.GetAsync<Order>(key, cancellationToken) is { } order ? ResourcePrinter.ToJson(order.Document) : null;
            case ResourceKinds.Challenge:
                return await unit.Resources.GetAsync<Challenge>(key, cancellationToken) is { } challenge ? ResourcePrinter.ToJson(challenge.Document) : null;
            case ResourceKinds.Issuer or ResourceKinds.ClusterIssuer:
                return await unit.Resources.GetAsync<Issuer>(key, cancellationToken) is { } issuer
                    ? ResourcePrinter.ToJson(await issuers.ProjectAsync(unit, issuer.Document, cancellationToken))
                    : null;
            case ResourceKinds.Secret:
                // Listing shows metadata only; the data needs the token (see SecretEndpoints).
                return (await unit.Secrets.ListMetadataAsync(@namespace, cancellationToken)).FirstOrDefault(s => s.Metadata.Name == name) is { } secret
                    ? ResourcePrinter.ToJson(secret)
                    : null;
            default:
                return null;
        }
    }
}
