using System.Text.Json;
using CertMesh.Api.Auth;
using CertMesh.Api.Bus;
using CertMesh.Api.Manifests;
using CertMesh.Contracts;
using CertMesh.Contracts.Issuers;
using CertMesh.Domain.Authorization;
using CertMesh.Domain.Resources;
using CertMesh.Domain.Validation;
using CertMesh.Persistence.Database;
using CertMesh.Persistence.Resources;
using MassTransit;

namespace CertMesh.Api.Apply;

/// <summary>
/// Applies a multi-document manifest: everything is validated first (issuers of the same manifest count as
/// existing), and nothing is applied if any document is invalid or any is one the caller may not apply. Access kinds
/// are stored first, then Secrets (issuers may name them), then Issuers; Certificates go to Trigger as
/// <see cref="IssueCertificate"/>, which validates again (ClusterIssuer use included) and owns them.
/// </summary>
internal sealed class ManifestApplier(CertMeshDatabase database, IRequestClient<IssueCertificate> issueClient, AccessApplier accessApplier, TimeProvider time)
{
    readonly SecretApplier _secrets = new(database, time);
    readonly PolicyApplier _policies = new(database, time);

    /// <summary>Applies everything or nothing: invalid documents are 422, and any document the caller may not apply makes
    /// the whole manifest 403 (<see cref="ApplyResult.Forbidden"/>), listing every refusal.</summary>
    public async Task<ApplyResult> ApplyAsync(string yaml, ApiCaller caller, CancellationToken cancellationToken)
    {
        var read = ManifestReader.Read(yaml);
        if (!read.IsValid)
            return new ApplyResult([], read.Errors);
        if (Refusals(read.Documents, caller) is { Count: > 0 } refusals)
            return new ApplyResult([], []) { Forbidden = refusals };

        var issuers = read.Documents.OfType<IssuerManifest>().ToList();
        var certificates = read.Documents.OfType<CertificateManifest>().ToList();
        var access = read.Documents.OfType<AccessManifest>().ToList();
        var errors = await ValidateAsync(issuers, certificates, cancellationToken);
        errors.AddRange(await ValidateAccessAsync(access, cancellationToken));
        if (errors.Count > 0)
            return new ApplyResult([], errors.ToList());

        var results = new List<AppliedResource>();
        // Access first: a manifest that creates a principal and its bindings is whole before anything uses them.
        foreach (var document in access)
            results.Add(await accessApplier.ApplyAsync(document, caller.Actor, cancellationToken));
        foreach (var secret in read.Documents.OfType<SecretManifest>())
            results.Add(await _secrets.ApplyAsync(secret, cancellationToken));
        foreach (var issuer in issuers)
            results.Add(await ApplyIssuerAsync(issuer.Issuer, caller.Actor, cancellationToken));
        foreach (var policy in read.Documents.OfType<PolicyManifest>())
            results.Add(await _policies.ApplyAsync(policy, cancellationToken));
        foreach (var certificate in certificates)
        {
            var (result, rejected) = await ApplyCertificateAsync(certificate, caller.Actor, cancellationToken);
            if (result is not null)
                results.Add(result);
            errors.AddRange(rejected);
        }
        return new ApplyResult(results, errors.ToList());
    }

    /// <summary>One refusal per document the caller may not apply, worded as the 403 says it.</summary>
    static List<ApplyRefusal> Refusals(IReadOnlyList<ManifestDocument> documents, ApiCaller caller)
    {
        var refusals = new List<ApplyRefusal>();
        foreach (var document in documents)
        {
            var scope = RolePermissions.IsClusterScoped(document.Kind) ? null : document.Namespace;
            var decision = caller.Can(Verbs.Apply, document.Kind, scope);
            if (!decision.Allowed)
                refusals.Add(new ApplyRefusal(document.DocumentIndex, document.Kind, scope ?? "", document.Name, decision.Message));
        }
        return refusals;
    }

    async Task<IReadOnlyList<ManifestError>> ValidateAccessAsync(List<AccessManifest> access, CancellationToken cancellationToken)
    {
        if (!access.Any(a => a.Resource is Principal))
            return [];
        var stored = await database.RunAsync(unit => unit.Resources.ListAsync<Principal>(AuthKinds.Principal, ResourceKinds.ClusterNamespace, cancellationToken), cancellationToken);
        var principals = stored.Select(p => p.Document).ToList();
        return [.. AccessApplier.RabbitMqUserClashes(access, principals), .. AccessApplier.TokenClashes(access, principals)];
    }

    async Task<ManifestErrorList> ValidateAsync(List<IssuerManifest> issuers, List<CertificateManifest> certificates, CancellationToken cancellationToken)
    {
        var errors = new ManifestErrorList();
        foreach (var manifest in issuers)
        {
            foreach (var error in IssuerValidator.Errors(manifest.Issuer))
                errors.Add(new ManifestError(manifest.DocumentIndex, manifest.Issuer.Kind, manifest.Issuer.Metadata.Name, error.Field, error.Message));
        }

        await using var unit = await database.BeginAsync(cancellationToken);
        foreach (var manifest in certificates)
        {
            var command = manifest.Command;
            var issuerKey = IssuerReader.KeyOf(command.Namespace, command.Spec.IssuerRef);
            var issuer = issuers.Select(i => i.Issuer).FirstOrDefault(i => issuerKey == KeyOf(i))
                ?? await unit.Resources.FindAsync(command.Namespace, command.Spec.IssuerRef, cancellationToken);
            foreach (var error in CertificateValidator.Errors(command, IssuerLookup.From(issuer)))
                errors.Add(new ManifestError(manifest.DocumentIndex, ResourceKinds.Certificate, command.Name, error.Field, error.Message));
        }
        return errors;
    }

    async Task<AppliedResource> ApplyIssuerAsync(Issuer issuer, string actor, CancellationToken cancellationToken)
    {
        var ns = issuer.Kind == ResourceKinds.ClusterIssuer ? ResourceKinds.ClusterNamespace : issuer.Metadata.Namespace;
        var key = new ResourceKey(issuer.Kind, ns, issuer.Metadata.Name);
        // Someone else wrote it between our read and write: the helper reads again in a fresh unit.
        return await database.RunWithRetryAsync(async unit =>
        {
            var existing = await unit.Resources.GetAsync<Issuer>(key, cancellationToken);
            string action;
            if (existing is null)
            {
                var created = issuer with
                {
                    Metadata = issuer.Metadata with { Namespace = ns, Uid = Guid.CreateVersion7(), Generation = 1, CreationTimestamp = time.GetUtcNow() },
                };
                await unit.Resources.CreateAsync(key, created.Metadata.Uid, created, null, cancellationToken);
                action = "created";
            }
            else if (Same(existing.Document.Spec, issuer.Spec) && Same(existing.Document.Metadata.Labels, issuer.Metadata.Labels) && Same(existing.Document.Metadata.Annotations, issuer.Metadata.Annotations))
            {
                action = "unchanged";
            }
            else
            {
                var current = existing.Document;
                var updated = current with
                {
                    Spec = issuer.Spec,
                    Metadata = current.Metadata with
                    {
                        Generation = current.Metadata.Generation + 1,
                        Labels = issuer.Metadata.Labels,
                        Annotations = issuer.Metadata.Annotations,
                    },
                };
                await unit.Resources.UpdateAsync(key, updated, existing.ResourceVersion, null, cancellationToken);
                action = "configured";
            }
            // AcmeOrder registers the ACME account when it hears of the issuer; an unchanged issuer that is not
            // Ready yet is announced again, so re-applying is how a user retries a failed registration.
            var generation = existing?.Document.Metadata.Generation + (action == "configured" ? 1 : 0) ?? 1;
            if (action != "unchanged" || (issuer.Spec.Acme is not null && !IsReady(existing!.Document)))
            {
                await unit.Outbox.PublishAsync(new IssuerChanged
                {
                    Kind = issuer.Kind,
                    Namespace = ns,
                    Name = issuer.Metadata.Name,
                    Generation = generation,
                }, cancellationToken);
            }
            if (action != "unchanged")
                await unit.Events.NormalAsync(key, "Applied", $"{issuer.Kind} {action} by {actor}", cancellationToken);
            return new AppliedResource(issuer.Kind, ns, issuer.Metadata.Name, action);
        }, cancellationToken);
    }

    async Task<(AppliedResource?, IReadOnlyList<ManifestError>)> ApplyCertificateAsync(CertificateManifest manifest, string actor, CancellationToken cancellationToken)
    {
        var command = manifest.Command;
        var key = new ResourceKey(ResourceKinds.Certificate, command.Namespace, command.Name);
        var before = await database.RunAsync(unit => unit.Resources.GetAsync<Certificate>(key, cancellationToken), cancellationToken);
        var response = await issueClient.AskAsync<IssueCertificate, IssueCertificateAccepted, IssueCertificateRejected>(command, actor, cancellationToken);
        if (response.Is(out Response<IssueCertificateRejected>? rejected))
        {
            // Trigger caps its answer (100 errors and a count); the Api checked the same rules first, so a long one is rare.
            return (null, rejected.Message.Errors
                .Select(e => new ManifestError(manifest.DocumentIndex, ResourceKinds.Certificate, command.Name, e.Field, e.Message))
                .ToList());
        }
        if (!response.Is(out Response<IssueCertificateAccepted>? acceptedResponse))
            throw new InvalidOperationException("Trigger answered with neither acceptance nor rejection");
        var accepted = acceptedResponse.Message;
        var action = before is null ? "created" : accepted.Generation == before.Document.Metadata.Generation ? "unchanged" : "configured";
        return (new AppliedResource(ResourceKinds.Certificate, command.Namespace, command.Name, action), []);
    }

    static bool IsReady(Issuer issuer) => Conditions.Find(issuer.Status.Conditions, "Ready")?.Status == ConditionStatus.True;

    static ResourceKey KeyOf(Issuer issuer) =>
        new(issuer.Kind, issuer.Kind == ResourceKinds.ClusterIssuer ? ResourceKinds.ClusterNamespace : issuer.Metadata.Namespace, issuer.Metadata.Name);

    static bool Same<T>(T a, T b) => JsonSerializer.Serialize(a, Json.Options) == JsonSerializer.Serialize(b, Json.Options);
}
