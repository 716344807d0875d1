// The core module as an Android library: the Kotlin layer and view models (src/main/kotlin, tested on
// the JVM by tests/kotlin/run.sh), plus two generated inputs that are never committed:
//   - the Rust library for the four Android ABIs, built by cargo-ndk into build/rust/jniLibs;
//   - the uniffi Kotlin bindings, generated from the built library with uniffi-android.toml
//     (android = true) into build/generated/uniffi.
// Both are registered with the Variant API, so any build (Android Studio's too) runs them first.
import com.android.build.api.variant.LibraryAndroidComponentsExtension
import javax.inject.Inject
import org.gradle.api.DefaultTask
import org.gradle.api.file.DirectoryProperty
import org.gradle.api.file.RegularFileProperty
import org.gradle.api.provider.ListProperty
import org.gradle.api.provider.Property
import org.gradle.api.tasks.Input
import org.gradle.api.tasks.Internal
import org.gradle.api.tasks.OutputDirectory
import org.gradle.api.tasks.TaskAction
import org.gradle.process.ExecOperations

plugins {
    alias(libs.plugins.android.library)
}

/** The ABIs the app ships, as cargo-ndk and jniLibs name them. */
val androidAbis = listOf("arm64-v8a", "armeabi-v7a", "x86_64", "x86")
val androidMinSdk = 26 // java.time and the Instant the bindings use, without desugaring

android {
    namespace = "app.gutskin.core"
    compileSdk = 36
    // The NDK cargo-ndk links with (README.md); r28 aligns the .so files to 16 KB pages.
    ndkVersion = "28.2.13676358"

    defaultConfig {
        minSdk = androidMinSdk
        consumerProguardFiles("consumer-rules.pro")
    }

    compileOptions {
        sourceCompatibility = JavaVersion.VERSION_17
        targetCompatibility = JavaVersion.VERSION_17
    }
}

dependencies {
    api(libs.kotlinx.coroutines.android)
    api("net.java.dev.jna:jna:${libs.versions.jna.get()}@aar")
    // The generated code's @RequiresApi (android = true).
    implementation(libs.androidx.annotation)
}

/** Builds the bindings crate's library for each ABI with cargo-ndk, in the layout jniLibs expects. */
abstract class CargoNdkTask : DefaultTask() {
    @get:Inject abstract val exec: ExecOperations

    /** The Cargo workspace (the repository root). */
    @get:Internal abstract val workspace: DirectoryProperty

    @get:Input abstract val abis: ListProperty<String>

    @get:Input abstract val platform: Property<Int>

    /** A release build (the default), or a debug one with `-Pgutskin.rustDebug=true`. */
    @get:Input abstract val release: Property<Boolean>

    @get:OutputDirectory abstract val outputDir: DirectoryProperty

    init {
        // Cargo knows best whether the Rust sources changed; let it decide every time.
        outputs.upToDateWhen { false }
    }

    @TaskAction
    fun build() {
        val targets = abis.get().flatMap { listOf("-t", it) }
        exec.exec {
            workingDir = workspace.get().asFile
            commandLine(
                listOf("cargo", "ndk") + targets +
                    listOf("--platform", platform.get().toString(), "-o", outputDir.get().asFile.path) +
                    listOf("build", "--locked", "-p", "gutskin-bindings", "--lib") +
                    (if (release.get()) listOf("--release") else emptyList()),
            )
        }
    }
}

/** Generates the Kotlin bindings from one of the built libraries (library mode reads its metadata). */
abstract class UniffiBindgenTask : DefaultTask() {
    @get:Inject abstract val exec: ExecOperations

    @get:Internal abstract val workspace: DirectoryProperty

    /** The jniLibs folder CargoNdkTask wrote. */
    @get:Internal abstract val jniLibs: DirectoryProperty

    @get:Internal abstract val config: RegularFileProperty

    @get:OutputDirectory abstract val outputDir: DirectoryProperty

    init {
        outputs.upToDateWhen { false }
    }

    @TaskAction
    fun generate() {
        val library = jniLibs.get().file("arm64-v8a/libgutskin_ffi.so").asFile
        val out = outputDir.get().asFile
        out.deleteRecursively()
        exec.exec {
            // Inside the bindings crate: the generator reads each crate's uniffi.toml via `cargo metadata`.
            workingDir = workspace.get().dir("bindings").asFile
            commandLine(
                "cargo", "run", "--locked", "-q", "-p", "gutskin-bindings", "--features", "cli",
                "--bin", "uniffi-bindgen", "--",
                "generate", library.path, "--language", "kotlin", "--no-format",
                "--config", config.get().asFile.path, "--out-dir", out.path,
            )
        }
    }
}

val workspaceDir = rootProject.layout.projectDirectory.dir("..")

val cargoNdk = tasks.register<CargoNdkTask>("cargoNdk") {
    group = "rust"
    description = "Builds libgutskin_ffi.so for ${androidAbis.joinToString()} with cargo-ndk."
    workspace.set(workspaceDir)
    abis.set(androidAbis)
    platform.set(androidMinSdk)
    release.set(providers.gradleProperty("gutskin.rustDebug").map { it != "true" }.orElse(true))
    outputDir.set(layout.buildDirectory.dir("rust/jniLibs"))
}

val uniffiBindgen = tasks.register<UniffiBindgenTask>("uniffiBindgen") {
    group = "rust"
    description = "Generates the uniffi Kotlin bindings (android = true) from the built library."
    dependsOn(cargoNdk)
    workspace.set(workspaceDir)
    jniLibs.set(cargoNdk.flatMap { it.outputDir })
    config.set(rootProject.layout.projectDirectory.file("uniffi-android.toml"))
    outputDir.set(layout.buildDirectory.dir("generated/uniffi/kotlin"))
}

extensions.getByType<LibraryAndroidComponentsExtension>().onVariants { variant ->
    variant.sources.jniLibs?.addGeneratedSourceDirectory(cargoNdk, CargoNdkTask::outputDir)
    variant.sources.kotlin?.addGeneratedSourceDirectory(uniffiBindgen, UniffiBindgenTask::outputDir)
}
