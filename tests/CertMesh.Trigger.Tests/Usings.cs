global using CertMesh.Testing;
global using Xunit;
