using CertMesh.Contracts;

namespace CertMesh.Domain.Validation;

/// <summary>One small check; returns every problem it finds (none when fine). Rules never throw on bad input.</summary>
public delegate IEnumerable<FieldError> CertificateRule(CertificateValidationContext context);
