// The Gutskin Android build: `core` (the Kotlin layer, the generated bindings and the Rust library for
// four ABIs) and `app` (the Compose screens). See README.md.
pluginManagement {
    repositories {
        google()
        mavenCentral()
        gradlePluginPortal()
    }
}

dependencyResolutionManagement {
    repositoriesMode.set(RepositoriesMode.FAIL_ON_PROJECT_REPOS)
    repositories {
        google()
        mavenCentral()
    }
}

rootProject.name = "gutskin"
include(":core", ":app")
