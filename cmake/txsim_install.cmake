# Lets other CMake projects use txsim with find_package(txsim) and the txsim:: targets.
include(GNUInstallDirs)
include(CMakePackageConfigHelpers)

install(TARGETS ${TXSIM_LAYERS} EXPORT txsimTargets
  ARCHIVE DESTINATION ${CMAKE_INSTALL_LIBDIR}
  LIBRARY DESTINATION ${CMAKE_INSTALL_LIBDIR})
install(DIRECTORY include/txsim DESTINATION ${CMAKE_INSTALL_INCLUDEDIR})
install(EXPORT txsimTargets NAMESPACE txsim:: DESTINATION ${CMAKE_INSTALL_LIBDIR}/cmake/txsim)
write_basic_package_version_file(${PROJECT_BINARY_DIR}/txsimConfigVersion.cmake COMPATIBILITY SameMinorVersion)
configure_file(cmake/txsimConfig.cmake.in ${PROJECT_BINARY_DIR}/txsimConfig.cmake @ONLY)
install(FILES ${PROJECT_BINARY_DIR}/txsimConfig.cmake ${PROJECT_BINARY_DIR}/txsimConfigVersion.cmake
  DESTINATION ${CMAKE_INSTALL_LIBDIR}/cmake/txsim)
