global using CertMesh.Testing;
global using Xunit;
global using Xunit.Abstractions;
