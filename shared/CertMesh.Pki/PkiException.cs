namespace CertMesh.Pki;

/// <summary>
/// Thrown for any invalid PKI input (malformed PEM, unsupported key, tampered CSR, mismatched key pair…).
/// The message says what is wrong and which input; it never contains key material.
/// </summary>
public sealed class PkiException : Exception
{
    public PkiException(string message)
        : base(message)
    {
    }

    public PkiException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
