buildscript {
    repositories {
        google()
        mavenCentral()
    }
    dependencies {
        // AGP 9 compiles Kotlin itself (built-in Kotlin) with the Kotlin it bundles; raise it to the
        // version of the Compose compiler plugin below, the kotlinc the JVM tests use. Keep it equal to
        // `kotlin` in gradle/libs.versions.toml (version catalogs are not visible in this block).
        classpath("org.jetbrains.kotlin:kotlin-gradle-plugin:2.4.20")
    }
}

plugins {
    alias(libs.plugins.android.application) apply false
    alias(libs.plugins.android.library) apply false
    alias(libs.plugins.kotlin.compose) apply false
}
