using CertMesh.Contracts;

namespace CertMesh.Domain.Approval;

/// <summary>One small CertificateRequestPolicy check; returns every problem it finds.</summary>
public delegate IEnumerable<FieldError> PolicyRule(CertificateRequestPolicy policy);
