using System.Net;
using System.Text.Json;
using CertMesh.Acme.Challenges;
using CertMesh.ChallengeSolver.Queue;
using CertMesh.Contracts;
using CertMesh.Contracts.Acme;
using CertMesh.Domain.Resources;
using CertMesh.Domain.Validation;

namespace CertMesh.ChallengeSolver.Challenges;

/// <summary>Turns a <see cref="SolveChallenge"/> into the Challenge resource and its queue row, after checking every field.</summary>
internal static class NewChallenge
{
    public const string CertificateNameLabel = "cert-manager.io/certificate-name";

    static readonly string[] KnownTypes = [ChallengeTypes.Http01, ChallengeTypes.Dns01];

    /// <summary>Every problem with the message, so AcmeOrder learns all of them at once; empty when usable.</summary>
    public static IReadOnlyList<FieldError> Validate(SolveChallenge message)
    {
        var errors = new List<FieldError>();
        Required(errors, "namespace", message.Namespace);
        Required(errors, "challengeName", message.ChallengeName);
        Required(errors, "token", message.Token);
        Required(errors, "key", message.Key);
        Required(errors, "accountKeySecretName", message.AccountKeySecretName);
        AbsoluteUrl(errors, "challengeUrl", message.ChallengeUrl);
        AbsoluteUrl(errors, "authorizationUrl", message.AuthorizationUrl);
        AbsoluteUrl(errors, "acmeServer", message.AcmeServer);
        if (!IPAddress.TryParse(message.DnsName, out _))
            errors.AddRange(DnsNameSyntax.Errors(message.DnsName).Select(e => FieldErrors.Invalid("dnsName", message.DnsName, e)));
        if (!KnownTypes.Contains(message.Type))
            errors.Add(FieldErrors.Unsupported("type", message.Type, KnownTypes));
        else if (message.Wildcard && message.Type == ChallengeTypes.Http01)
            errors.Add(FieldErrors.Forbidden("type", "a wildcard name can only be proved with dns-01 (RFC 8555 section 7.1.3)"));
        else if (message.Type == ChallengeTypes.Dns01 && IPAddress.TryParse(message.DnsName, out _))
            errors.Add(FieldErrors.Forbidden("type", "an IP address cannot be proved with dns-01 (RFC 8738 section 7)"));
        if (!string.IsNullOrWhiteSpace(message.SolverJson))
        {
            try
            {
                using var _ = JsonDocument.Parse(message.SolverJson);
            }
            catch (JsonException exception)
            {
                errors.Add(FieldErrors.Invalid("solverJson", "…", exception.Message));
            }
        }
        return errors;
    }

    public static Challenge From(SolveChallenge message, DateTimeOffset now) => new()
    {
        Metadata = new ObjectMeta
        {
            Namespace = message.Namespace,
            Name = message.ChallengeName,
            Uid = Guid.NewGuid(),
            Generation = 1,
            CreationTimestamp = now,
            // What finds the Challenge when its Certificate is deleted (ResourceStore.DeleteOwnedByCertificateAsync).
            Labels = string.IsNullOrEmpty(message.CertificateName) ? null : new Dictionary<string, string> { [CertificateNameLabel] = message.CertificateName },
        },
        Spec = new ChallengeSpec
        {
            Url = message.ChallengeUrl,
            AuthorizationUrl = message.AuthorizationUrl,
            DnsName = message.DnsName,
            Wildcard = message.Wildcard,
            Type = message.Type.ToUpperInvariant(),
            Token = message.Token,
            Key = message.Key,
            Solver = ParseSolver(message.SolverJson),
            IssuerRef = message.IssuerRef,
            OrderName = message.OrderName,
            OrderId = message.OrderId,
        },
        Status = new ChallengeStatus { State = ChallengeStates.Pending },
    };

    public static ChallengeWork WorkOf(SolveChallenge message) => new(
        message.Namespace,
        message.ChallengeName,
        message.DnsName,
        message.Type,
        new ChallengeAccount
        {
            AcmeServer = message.AcmeServer,
            AccountUrl = message.AccountUrl,
            KeySecretNamespace = string.IsNullOrEmpty(message.AccountKeySecretNamespace) ? message.Namespace : message.AccountKeySecretNamespace,
            KeySecretName = message.AccountKeySecretName,
        });

    static JsonElement? ParseSolver(string json)
    {
        if (string.IsNullOrWhiteSpace(json))
            return null;
        using var document = JsonDocument.Parse(json);
        return document.RootElement.Clone();
    }

    static void Required(List<FieldError> errors, string field, string value)
    {
        if (string.IsNullOrWhiteSpace(value))
            errors.Add(FieldErrors.Required(field));
    }

    static void AbsoluteUrl(List<FieldError> errors, string field, string value)
    {
        if (string.IsNullOrWhiteSpace(value))
            errors.Add(FieldErrors.Required(field));
        else if (!Uri.TryCreate(value, UriKind.Absolute, out var uri) || uri.Scheme is not ("https" or "http"))
            errors.Add(FieldErrors.Invalid(field, value, "must be an absolute http(s) URL"));
    }
}
