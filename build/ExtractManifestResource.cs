// Compiled by MSBuild's RoslynCodeTaskFactory (see BlazorScript.targets); not part of any project.
using System;
using System.IO;
using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;
using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;

namespace TeleSurv.Build
{
    /// <summary>
    /// Copies one manifest resource of a .NET assembly to a file, reading the assembly as metadata only
    /// (it is never loaded, so its target framework does not matter and the file is not locked).
    /// </summary>
    public sealed class ExtractManifestResource : Task
    {
        [Required]
        public string AssemblyPath { get; set; }

        [Required]
        public string ResourceName { get; set; }

        [Required]
        public string DestinationFile { get; set; }

        public override bool Execute()
        {
            if (!File.Exists(AssemblyPath))
            {
                Log.LogError("Assembly '{0}' not found: the package that carries it was not restored.", AssemblyPath);
                return false;
            }

            byte[] content;
            using (var stream = File.OpenRead(AssemblyPath))
            using (var pe = new PEReader(stream))
            {
                content = Read(pe);
            }

            if (content == null)
            {
                Log.LogError("Assembly '{0}' has no manifest resource named '{1}'.", AssemblyPath, ResourceName);
                return false;
            }

            Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(DestinationFile)));

            // Written beside the destination first so that an interrupted build never leaves a truncated
            // file that a later incremental build would take as up to date.
            var partial = DestinationFile + ".partial";
            File.WriteAllBytes(partial, content);
            File.Copy(partial, DestinationFile, overwrite: true);
            File.Delete(partial);

            Log.LogMessage(MessageImportance.Normal, "Extracted '{0}' ({1} bytes) from '{2}' to '{3}'.",
                ResourceName, content.Length, AssemblyPath, DestinationFile);
            return true;
        }

        private byte[] Read(PEReader pe)
        {
            var metadata = pe.GetMetadataReader();
            foreach (var handle in metadata.ManifestResources)
            {
                var resource = metadata.GetManifestResource(handle);
                if (!resource.Implementation.IsNil || !metadata.StringComparer.Equals(resource.Name, ResourceName))
                {
                    continue;
                }

                // Embedded resources live in the CLI resources section: a 4-byte little-endian length, then the bytes.
                var directory = pe.PEHeaders.CorHeader.ResourcesDirectory;
                var section = pe.GetSectionData(directory.RelativeVirtualAddress);
                var reader = section.GetReader((int)resource.Offset, directory.Size - (int)resource.Offset);
                var length = reader.ReadInt32();
                return reader.ReadBytes(length);
            }

            return null;
        }
    }
}
