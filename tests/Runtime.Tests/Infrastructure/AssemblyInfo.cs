// The process layer is Linux-only for now (docs/architecture.md); so are these tests.
[assembly: System.Runtime.Versioning.SupportedOSPlatform("linux")]
