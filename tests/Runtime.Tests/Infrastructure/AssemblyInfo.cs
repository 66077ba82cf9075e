// The process layer is Linux-only for now (DESIGN §5); so are these tests.
[assembly: System.Runtime.Versioning.SupportedOSPlatform("linux")]
