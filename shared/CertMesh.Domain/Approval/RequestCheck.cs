using CertMesh.Contracts;

namespace CertMesh.Domain.Approval;

/// <summary>One thing a policy demands of a request; yields a violation per field that fails (none: not denied).</summary>
public delegate IEnumerable<FieldError> RequestCheck(CertificateRequestPolicySpec policy, RequestFacts request);
