using CertMesh.Contracts;
using CertMesh.Domain.Durations;

namespace CertMesh.Domain.Validation;

/// <summary>One validation run: the command, the issuer facts, and things several rules need, computed once.</summary>
public sealed class CertificateValidationContext
{
    private readonly Lazy<(CsrInfo? Csr, string Error)> _csr;

    public CertificateValidationContext(IssueCertificate command, IssuerLookup issuer)
    {
        Command = command;
        Issuer = issuer;
        // An oversized CSR is never parsed (CsrRules.Size reports it).
        _csr = new Lazy<(CsrInfo?, string)>(() =>
            CsrTooLong ? (null, "too long")
            : CsrInfo.TryParse(command.Csr, out var csr, out var error) ? (csr, "") : (null, error));
    }

    public IssueCertificate Command { get; }
    public IssuerLookup Issuer { get; }
    public CertificateSpec Spec => Command.Spec;
    public bool IsAcme => Issuer.Found && Issuer.Type == IssuerType.Acme;

    /// <summary>The duration in force (default when absent), or null when it does not parse.</summary>
    public TimeSpan? EffectiveDuration =>
        Spec.Duration is null ? CertificateDefaults.Duration
        : GoDuration.TryParse(Spec.Duration, out var d, out _) ? d : null;

    /// <summary>The parsed CSR; null when none was given or it does not parse (see <see cref="CsrError"/>).</summary>
    public CsrInfo? Csr => _csr.Value.Csr;
    public bool CsrTooLong => Command.Csr is { Length: > CertificateLimits.MaxCsrLength };
    public string CsrError => _csr.Value.Error;
}
